package dev.legacykafka.test.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallPartsTest {

    @Test
    void watchdogSeesThisJvmAliveAndAStrangerGone() {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().orElseThrow().toEpochMilli();
        assertThat(ParentWatchdog.isAlive(self.pid(), started)).isTrue();
        assertThat(ParentWatchdog.isAlive(self.pid(), 0)).isTrue();
        // Same pid, other start time: a recycled pid is not our parent.
        assertThat(ParentWatchdog.isAlive(self.pid(), started - 3_600_000)).isFalse();
        assertThat(ParentWatchdog.isAlive(Integer.MAX_VALUE - 1L, 0)).isFalse();
    }

    @Test
    void logTailReturnsTheLastLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("x.log");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(log, text);
        assertThat(LogTail.of(log, 3)).isEqualTo("line 998\nline 999\nline 1000");
        assertThat(LogTail.of(dir.resolve("missing.log"), 3)).contains("no log file");
        assertThat(LogTail.contains(log, 0, "line 500")).isTrue();
        assertThat(LogTail.contains(log, Files.size(log) - 9, "line 500")).isFalse();
    }

    @Test
    void clusterIdsAreKafkaUuids() {
        for (int i = 0; i < 200; i++) {
            String id = ProcessKafkaBroker.newClusterId();
            assertThat(id).hasSize(22).doesNotStartWith("-");
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
        }
    }

    @Test
    void portsAreNotHandedOutTwice() {
        int a = PortAllocator.freePort();
        int b = PortAllocator.freePort();
        assertThat(a).isNotEqualTo(b).isPositive();
        assertThat(PortAllocator.isListening(a)).isFalse();
    }

    @Test
    void containerSettingsBecomeImageEnvironment() {
        assertThat(ContainerKafkaBroker.environmentName("log.retention.ms")).isEqualTo("KAFKA_LOG_RETENTION_MS");
        assertThat(ContainerKafkaBroker.environmentName("a_b-c.d")).isEqualTo("KAFKA_A__B___C_D");
    }
}
