package dev.legacykafka.spring.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import dev.legacykafka.client.BrokerStatus;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
public class LegacyKafkaStartupDiagnosticsTests {

    static final BrokerStatus MODERN = new BrokerStatus("b1:9092", true, 0, 9, true, 9, 2, null);

    static final BrokerStatus LEGACY_AUTO = new BrokerStatus("b2:9092", true, 0, 2, true, 2, 1, null);

    static final BrokerStatus LEGACY_FALLBACK = new BrokerStatus("b3:9092", true, 0, 0, false, 0, 0, null);

    static final BrokerStatus UNREACHABLE = new BrokerStatus("b4:9092", false, -1, -1, false, -1, -1,
            "Connection refused");

    private final LegacyKafkaProducer producer = mock(LegacyKafkaProducer.class);

    private LegacyKafkaStartupDiagnostics diagnostics(String apiVersion, boolean failFast, BrokerStatus... statuses) {
        given(producer.config()).willReturn(ProducerConfig.builder().bootstrapServers("b1:9092").clientId("app")
                .apiVersion(apiVersion).build());
        given(producer.probeBrokers(any())).willReturn(List.of(statuses));
        return new LegacyKafkaStartupDiagnostics(producer, Duration.ofSeconds(2), failFast);
    }

    @Test
    void recordBatchBrokersAreLoggedAtInfoWithoutWarning(CapturedOutput output) {
        diagnostics("auto", false, MODERN).start();
        assertThat(output).contains("INFO").contains("broker b1:9092 gets Produce v9 with RecordBatch (magic 2); "
                + "it offers Produce v0-v9");
        assertThat(recordBatchWarnings(output)).isZero();
        assertThat(output).doesNotContain("WARN");
    }

    @Test
    void legacyBrokerInAutoModeGetsOneWarningSayingWhatLiftsIt(CapturedOutput output) {
        diagnostics("auto", false, LEGACY_AUTO, LEGACY_FALLBACK, MODERN).start();
        assertThat(recordBatchWarnings(output)).isEqualTo(1);
        assertThat(output).contains("b2:9092 (Produce v2, MessageSet (magic 1))")
                .contains("b3:9092 (Produce v0, MessageSet (magic 0))")
                .contains("headers, the idempotent producer and transactions are unavailable")
                .contains("upgrade the brokers to 0.11 or newer")
                .contains("assumed from legacykafka.broker-version-fallback");
    }

    @Test
    void pinnedLegacyVersionGetsOneWarningNamingThePin(CapturedOutput output) {
        diagnostics("2", false, new BrokerStatus("b1:9092", true, 0, 3, true, 2, 1, null)).start();
        assertThat(recordBatchWarnings(output)).isEqualTo(1);
        assertThat(output).contains("legacykafka.api-version is pinned to 2")
                .contains("set legacykafka.api-version to auto or 3..13");
    }

    @Test
    void unreachableBrokerWarnsAndStartupGoesOn(CapturedOutput output) {
        diagnostics("auto", false, UNREACHABLE).start();
        assertThat(output).contains("WARN").contains("b4:9092 is unreachable: Connection refused")
                .contains("The application starts anyway").contains("legacykafka.startup.fail-fast=true");
        assertThat(recordBatchWarnings(output)).isZero();
    }

    @Test
    void unreachableBrokerFailsStartupWithFailFast() {
        LegacyKafkaStartupDiagnostics diagnostics = diagnostics("auto", true, MODERN, UNREACHABLE);
        assertThatThrownBy(diagnostics::start).isInstanceOf(LegacyKafkaStartupException.class)
                .hasMessageContaining("fail-fast").satisfies(ex -> assertThat(
                        ((LegacyKafkaStartupException) ex).getProblems()).containsExactly(UNREACHABLE));
    }

    @Test
    void startsOnceAndRunsInAnEarlyPhase() {
        LegacyKafkaStartupDiagnostics diagnostics = diagnostics("auto", false, MODERN);
        diagnostics.start();
        diagnostics.start();
        org.mockito.Mockito.verify(producer, org.mockito.Mockito.times(1)).probeBrokers(Duration.ofSeconds(2));
        assertThat(diagnostics.isRunning()).isTrue();
        assertThat(diagnostics.getPhase()).isLessThan(Integer.MAX_VALUE - 2048);
    }

    /** WARN lines that mention RecordBatch. */
    public static int recordBatchWarnings(CharSequence output) {
        Matcher matcher = Pattern.compile("(?m)^.*\\bWARN\\b.*RecordBatch.*$").matcher(output);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
