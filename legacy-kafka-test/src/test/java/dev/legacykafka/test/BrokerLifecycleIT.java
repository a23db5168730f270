package dev.legacykafka.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.test.broker.ProcessKafkaBroker;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dedicated brokers that are stopped, killed and restarted, and brokers that must not start. */
class BrokerLifecycleIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLifecycleIT.class);
    private static final boolean CHAOS = Boolean.getBoolean("legacykafka.chaos");

    /** One ZooKeeper broker in verify; a KRaft one too in -Pchaos (the client's crash tests restart 4.4.0 in verify). */
    static Stream<String> restartVersions() {
        return CHAOS ? Stream.of("0.10.2.2", "4.4.0") : Stream.of("0.10.2.2");
    }

    /** The oldest, a late ZooKeeper and the newest release in verify; every release in -Pchaos. */
    static Stream<String> stopAndKillVersions() {
        return CHAOS ? BrokerMatrixIT.versions() : Stream.of("0.8.2.2", "2.8.2", "4.4.0");
    }

    @ParameterizedTest
    @MethodSource("restartVersions")
    void dataSurvivesStopKillAndStart(String version) {
        try (ProcessKafkaBroker broker = ProcessKafkaBroker.start(BrokerSpec.of(version))) {
            int port = broker.port();
            broker.createTopic("lifecycle", 1, Map.of());
            Kcat.produce(broker, "lifecycle", "before-stop");

            long pid = broker.pid();
            long t = System.nanoTime();
            broker.stop();
            LOG.info("Kafka {} stopped gracefully in {} ms", version, (System.nanoTime() - t) / 1_000_000);
            assertGone(broker, pid);

            t = System.nanoTime();
            broker.start();
            LOG.info("Kafka {} restarted in {} ms", version, (System.nanoTime() - t) / 1_000_000);
            assertThat(broker.port()).isEqualTo(port);
            assertThat(Kcat.consume(broker, "lifecycle")).containsExactly("before-stop");
            Kcat.produce(broker, "lifecycle", "before-kill");

            pid = broker.pid();
            broker.kill();
            assertGone(broker, pid);

            t = System.nanoTime();
            broker.restart(); // stop is a no-op on a killed broker
            LOG.info("Kafka {} started after kill -9 in {} ms", version, (System.nanoTime() - t) / 1_000_000);
            assertThat(broker.isRunning()).isTrue();
            assertThat(Kcat.consume(broker, "lifecycle")).containsExactly("before-stop", "before-kill");
            assertThat(broker.logTail(3)).startsWith("--- Kafka " + version + " log");
        }
    }

    @ParameterizedTest
    @MethodSource("stopAndKillVersions")
    void stopAndKillLeaveNoProcessAndNoOpenPort(String version) {
        try (ProcessKafkaBroker broker = ProcessKafkaBroker.start(BrokerSpec.of(version))) {
            long pid = broker.pid();
            broker.stop();
            assertGone(broker, pid);
            broker.start();
            pid = broker.pid();
            broker.kill();
            assertGone(broker, pid);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.8.2", "4.4.0"})
    void badConfigFailsWithTheBrokerLogInTheMessage(String version) {
        BrokerSpec spec = BrokerSpec.of(version).withConfig("num.network.threads", "not-a-number");
        assertThatThrownBy(() -> KafkaBrokers.dedicated(spec))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("Kafka " + version)
                .hasMessageContaining("--- Kafka " + version + " log")
                .hasMessageContaining("not-a-number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.9.0.1"})
    void closeDeletesTheData(String version) {
        ProcessKafkaBroker broker = ProcessKafkaBroker.start(BrokerSpec.of(version));
        Path dir = broker.directory();
        long pid = broker.pid();
        assertThat(dir.resolve("kafka-logs")).isDirectory();
        broker.close();
        assertGone(broker, pid);
        assertThat(Files.exists(dir)).isFalse();
        assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static void assertGone(KafkaBroker broker, long pid) {
        assertThat(broker.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d alive", pid)
                .isFalse();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(broker.host(), broker.port()), 500);
            throw new AssertionError("port " + broker.port() + " still open");
        } catch (java.io.IOException expected) {
            // closed, as it should be
        }
    }
}
