package dev.legacykafka.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import dev.legacykafka.client.BrokerStatus;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.errors.AuthenticationException;
import dev.legacykafka.client.errors.TimeoutException;
import dev.legacykafka.client.security.SaslMechanism;
import dev.legacykafka.client.security.SaslSettings;
import dev.legacykafka.client.security.SecurityProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class LegacyKafkaHealthIndicatorTests {

    static final BrokerStatus MODERN = new BrokerStatus("b1:9092", true, 0, 13, true, 13, 2, null);

    static final BrokerStatus LEGACY = new BrokerStatus("b2:9092", true, 0, 2, true, 2, 1, null);

    static final BrokerStatus UNREACHABLE = new BrokerStatus("b3:9092", false, -1, -1, false, -1, -1,
            "Connection refused");

    static final BrokerStatus UNUSABLE = new BrokerStatus("b4:9092", true, 0, 2, true, -1, -1,
            "api-version 5 is not supported by the broker (Produce v0-v2)");

    static final BrokerStatus REFUSED = new BrokerStatus("b5:9093", false, -1, -1, false, -1, -1,
            "SASL authentication failed: invalid credentials with SASL mechanism SCRAM-SHA-512", true);

    private final LegacyKafkaProducer producer = mock(LegacyKafkaProducer.class);

    private final LegacyKafkaHealthIndicator indicator = new LegacyKafkaHealthIndicator(producer, Duration.ofSeconds(1));

    LegacyKafkaHealthIndicatorTests() {
        given(producer.config()).willReturn(ProducerConfig.builder().bootstrapServers("b1:9092").clientId("app").build());
    }

    @Test
    void upWithEachBrokersVersionAndFormat() {
        given(producer.probeBrokers(any())).willReturn(List.of(MODERN, LEGACY));
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("clientId", "app").containsEntry("apiVersion", "auto");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> brokers = (Map<String, Map<String, Object>>) health.getDetails().get("brokers");
        assertThat(brokers.get("b1:9092")).containsEntry("produceVersion", 13)
                .containsEntry("recordFormat", "RecordBatch (magic 2)").containsEntry("offeredProduceVersions", "v0-v13");
        assertThat(brokers.get("b2:9092")).containsEntry("produceVersion", 2)
                .containsEntry("recordFormat", "MessageSet (magic 1)");
    }

    @Test
    void downWhenNoBrokerIsReachable() {
        given(producer.probeBrokers(any())).willReturn(List.of(UNREACHABLE));
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("brokers").toString()).contains("Connection refused");
    }

    @Test
    void downWhenAReachableBrokerCannotTakeTheApiVersion() {
        given(producer.probeBrokers(any())).willReturn(List.of(MODERN, UNUSABLE));
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("brokers").toString()).contains("is not supported by the broker");
    }

    @Test
    void upWhenOneOfSeveralBrokersIsUnreachableShowingIt() {
        given(producer.probeBrokers(any())).willReturn(List.of(MODERN, UNREACHABLE));
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("brokers").toString()).contains("b3:9092").contains("Connection refused");
    }

    @Test
    void downWhenABrokerRefusesAuthenticationEvenIfOthersAreUsable() {
        given(producer.config()).willReturn(ProducerConfig.builder().bootstrapServers("b1:9092").clientId("app")
                .securityProtocol(SecurityProtocol.SASL_SSL)
                .sasl(SaslSettings.of(SaslMechanism.SCRAM_SHA_512, "orders", "s3cr3t-pa55")).build());
        given(producer.probeBrokers(any())).willReturn(List.of(MODERN, REFUSED));
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("security", "SASL_SSL, SASL SCRAM-SHA-512 as user 'orders'");
        assertThat(health.getDetails().get("error").toString()).startsWith("Authentication failed")
                .contains("b5:9093: SASL authentication failed");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> brokers = (Map<String, Map<String, Object>>) health.getDetails().get("brokers");
        assertThat(brokers.get("b5:9093")).containsEntry("authenticationFailed", true);
        assertThat(health.toString()).doesNotContain("s3cr3t-pa55");
    }

    @Test
    void downWhenTheProbeFailsWithAnAuthenticationException() {
        given(producer.probeBrokers(any())).willThrow(new AuthenticationException("TLS handshake with b1:9092 failed"));
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString())
                .isEqualTo("Authentication failed: TLS handshake with b1:9092 failed");
        assertThat(health.getDetails()).containsEntry("security", "PLAINTEXT");
    }

    @Test
    void downWithTheExceptionWhenTheProbeFails() {
        given(producer.probeBrokers(any())).willThrow(new TimeoutException("Broker probe did not finish", true));
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("Broker probe did not finish");
    }
}
