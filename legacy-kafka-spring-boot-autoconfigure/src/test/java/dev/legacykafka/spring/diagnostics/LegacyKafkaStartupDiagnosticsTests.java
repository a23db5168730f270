package dev.legacykafka.spring.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import dev.legacykafka.client.BrokerStatus;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.errors.AuthenticationException;
import dev.legacykafka.client.security.SaslMechanism;
import dev.legacykafka.client.security.SaslSettings;
import dev.legacykafka.client.security.SecurityProtocol;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaFailureAnalyzers;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
public class LegacyKafkaStartupDiagnosticsTests {

    static final BrokerStatus MODERN = new BrokerStatus("b1:9092", true, 0, 9, true, 9, 2, null);

    static final BrokerStatus LEGACY_AUTO = new BrokerStatus("b2:9092", true, 0, 2, true, 2, 1, null);

    static final BrokerStatus LEGACY_FALLBACK = new BrokerStatus("b3:9092", true, 0, 0, false, 0, 0, null);

    static final BrokerStatus UNREACHABLE = new BrokerStatus("b4:9092", false, -1, -1, false, -1, -1,
            "Connection refused");

    static final BrokerStatus REFUSED = new BrokerStatus("b5:9093", false, -1, -1, false, -1, -1,
            "SASL authentication failed: Authentication failed during authentication due to invalid credentials with "
                    + "SASL mechanism SCRAM-SHA-512", true);

    static final String SECRET = "s3cr3t-pa55";

    private final LegacyKafkaProducer producer = mock(LegacyKafkaProducer.class);

    private LegacyKafkaStartupDiagnostics saslDiagnostics(boolean failFast, BrokerStatus... statuses) {
        given(producer.config()).willReturn(ProducerConfig.builder().bootstrapServers("b5:9093").clientId("app")
                .securityProtocol(SecurityProtocol.SASL_SSL)
                .sasl(SaslSettings.of(SaslMechanism.SCRAM_SHA_512, "orders", SECRET)).build());
        given(producer.probeBrokers(any())).willReturn(List.of(statuses));
        return new LegacyKafkaStartupDiagnostics(producer, Duration.ofSeconds(2), failFast);
    }

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
    void aNamedProducersWarningNamesThatProducerAndItsOwnProperties(CapturedOutput output) {
        given(producer.config()).willReturn(ProducerConfig.builder().bootstrapServers("b2:9092").clientId("legacy-app")
                .apiVersion("2").build());
        given(producer.probeBrokers(any())).willReturn(List.of(LEGACY_AUTO, LEGACY_FALLBACK, UNREACHABLE));
        new LegacyKafkaStartupDiagnostics(producer, Duration.ofSeconds(2), false, "legacy").start();
        assertThat(recordBatchWarnings(output)).isEqualTo(1);
        assertThat(output).contains("legacy-kafka producer 'legacy' (client id legacy-app): records go to b2:9092")
                .contains("legacykafka.producers.legacy.api-version is pinned to 2")
                .contains("set legacykafka.producers.legacy.api-version to auto or 3..13")
                .contains("Set legacykafka.producers.legacy.startup.fail-fast=true")
                .contains("assumed from legacykafka.producers.legacy.broker-version-fallback")
                .doesNotContain(" legacykafka.api-version").doesNotContain("from legacykafka.broker-version-fallback");
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

    @Test
    void infoLineNamesProtocolMechanismAndUserButNeverThePassword(CapturedOutput output) {
        saslDiagnostics(false, new BrokerStatus("b5:9093", true, 0, 13, true, 13, 2, null)).start();
        assertThat(output).contains("INFO").contains("broker b5:9093 gets Produce v13")
                .contains("connected over SASL_SSL, SASL SCRAM-SHA-512 as user 'orders'").doesNotContain(SECRET);
    }

    @Test
    void plaintextIsNamedToo(CapturedOutput output) {
        diagnostics("auto", false, MODERN).start();
        assertThat(output).contains("connected over PLAINTEXT");
    }

    @Test
    void refusedAuthenticationWarnsSayingWhatToCheck(CapturedOutput output) {
        saslDiagnostics(false, REFUSED).start();
        assertThat(output).contains("WARN").contains("refused authentication (SASL_SSL, SASL SCRAM-SHA-512 as user 'orders')")
                .contains("broker b5:9093 refused authentication: SASL authentication failed")
                .contains("fail with AuthenticationException").contains("legacykafka.security.sasl.username and password")
                .doesNotContain("is unreachable").doesNotContain(SECRET);
    }

    @Test
    void refusedAuthenticationFailsStartupWithFailFastAndAnAnalysisAboutSecurity() {
        LegacyKafkaStartupDiagnostics diagnostics = saslDiagnostics(true, REFUSED);
        assertThatThrownBy(diagnostics::start).isInstanceOf(LegacyKafkaStartupException.class)
                .hasMessageContaining("refused authentication").hasMessageNotContaining(SECRET)
                .satisfies(ex -> {
                    FailureAnalysis analysis = LegacyKafkaFailureAnalyzers.analyze(ex);
                    assertThat(analysis.getDescription()).contains("b5:9093 refused authentication: SASL").contains("SCRAM-SHA-512 as user 'orders'").doesNotContain(SECRET);
                    assertThat(analysis.getAction()).contains("legacykafka.security.protocol")
                            .contains("legacykafka.security.sasl.username and password")
                            .contains("legacykafka.security.ssl.bundle").doesNotContain(SECRET);
                });
    }

    @Test
    void probeFailingWithAuthenticationExceptionIsReportedAsSuch(CapturedOutput output) {
        LegacyKafkaStartupDiagnostics diagnostics = saslDiagnostics(false);
        given(producer.probeBrokers(any())).willThrow(new AuthenticationException("TLS handshake with b5:9093 failed: "
                + "PKIX path building failed"));
        diagnostics.start();
        assertThat(output).contains("WARN").contains("b5:9093 refused authentication: TLS handshake")
                .contains("PKIX path building failed");
    }

    @Test
    void authenticationExceptionInOtherWordsIsStillReportedAsRefusedAuthentication(CapturedOutput output) {
        LegacyKafkaStartupDiagnostics diagnostics = saslDiagnostics(false);
        given(producer.probeBrokers(any())).willThrow(new AuthenticationException("broker b5:9093 said no"));
        diagnostics.start();
        assertThat(output).contains("1 of 1 broker(s) refused authentication (SASL_SSL")
                .contains("b5:9093 refused authentication: broker b5:9093 said no");
    }

    @Test
    void authenticationFailuresAreTheOnesTheClientFlagged() {
        assertThat(BrokerStatusDescriptions.authenticationFailed(REFUSED)).isTrue();
        // A problem that merely mentions TLS is not a refusal unless the client says so.
        assertThat(BrokerStatusDescriptions.authenticationFailed(new BrokerStatus("b", false, -1, -1, false, -1, -1,
                "Broker b closed the connection during the TLS handshake; is this a TLS listener?"))).isFalse();
        assertThat(BrokerStatusDescriptions.authenticationFailed(UNREACHABLE)).isFalse();
        assertThat(BrokerStatusDescriptions.authenticationFailed(MODERN)).isFalse();
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
