package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.security.SecurityProtocol;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaFailureAnalyzers;
import dev.legacykafka.spring.diagnostics.LegacyKafkaStartupException;
import dev.legacykafka.spring.health.LegacyKafkaHealthIndicator;
import dev.legacykafka.test.BrokerSpec;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.security.BrokerSecurity;
import dev.legacykafka.test.security.ListenerSecurity;
import dev.legacykafka.test.security.SaslMechanism;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter on a Kafka 4.4.0 SASL_SSL listener: SCRAM-SHA-512 credentials from
 * legacykafka.security.sasl.*, the broker's CA from a Spring Boot SSL bundle, hostname
 * verification on. Records are read back by kafka-clients over the broker's PLAINTEXT listener;
 * a wrong password fails startup with fail-fast, and otherwise turns the health DOWN, with the
 * broker's reason and never the password.
 */
@Tag(IntegrationTest.TAG)
@ExtendWith(OutputCaptureExtension.class)
class SaslSslIT {

    static final String USER = "it-orders";

    static final String PASSWORD = "it-orders-pa55word";

    static final String WRONG_PASSWORD = "not-the-pa55word";

    static final String TOPIC = "it-sasl-ssl";

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBrokers.shared(BrokerSpec.of(ItBrokers.V4).withSecurity(BrokerSecurity.of(ListenerSecurity.SASL_SSL)
                .withSaslMechanisms(SaslMechanism.SCRAM_SHA_512)));
        broker.createScramUser(SaslMechanism.SCRAM_SHA_512, USER, PASSWORD);
        broker.createTopic(TOPIC, 1);
    }

    private static ConfigurableApplicationContext run(String password, String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.ssl.bundle.pem.kafka.truststore.certificate=file:" + broker.certificates().ca().certificatePem(),
                "legacykafka.bootstrap-servers=" + broker.bootstrapServers(ListenerSecurity.SASL_SSL),
                "legacykafka.client-id=it-sasl-ssl", "legacykafka.security.protocol=SASL_SSL",
                "legacykafka.security.ssl.bundle=kafka", "legacykafka.security.sasl.mechanism=SCRAM-SHA-512",
                "legacykafka.security.sasl.username=" + USER, "legacykafka.security.sasl.password=" + password,
                "legacykafka.startup.timeout=20s", "legacykafka.health.timeout=20s",
                "legacykafka.producer.max-block=20s"));
        properties.addAll(List.of(more));
        return new SpringApplicationBuilder(ItApplication.class).web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new)).run();
    }

    @Test
    void scramOverTlsFromAnSslBundleWritesRecordsAKafkaClientsConsumerReadsBack(CapturedOutput output)
            throws Exception {
        try (ConfigurableApplicationContext context = run(PASSWORD, "legacykafka.startup.fail-fast=true")) {
            @SuppressWarnings("unchecked")
            LegacyKafkaTemplate<String, String> template = context.getBean(LegacyKafkaTemplate.class);
            assertThat(template.getProducer().config().securityProtocol()).isEqualTo(SecurityProtocol.SASL_SSL);
            assertThat(template.getProducer().config().tls().sslContext()).isNotNull();
            SendResult first = template.send(TOPIC, "k1", "over-sasl-ssl-1").get(30, TimeUnit.SECONDS);
            template.send(TOPIC, "k2", "over-sasl-ssl-2").get(30, TimeUnit.SECONDS);
            assertThat(first.offset()).isGreaterThanOrEqualTo(0);

            Health health = context.getBean(LegacyKafkaHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("security", "SASL_SSL, SASL SCRAM-SHA-512 as user '" + USER + "'");
        }
        assertThat(output).contains("gets Produce v13 with RecordBatch (magic 2)")
                .contains("connected over SASL_SSL, SASL SCRAM-SHA-512 as user '" + USER + "'")
                .doesNotContain(PASSWORD);
        assertThat(readBack()).containsSubsequence("k1=over-sasl-ssl-1", "k2=over-sasl-ssl-2");
    }

    @Test
    void wrongPasswordFailsStartupWithFailFastSayingTheBrokerRefusedIt(CapturedOutput output) {
        assertThatThrownBy(() -> run(WRONG_PASSWORD, "legacykafka.startup.fail-fast=true").close())
                .satisfies(failure -> {
                    assertThat(failure).hasRootCauseInstanceOf(LegacyKafkaStartupException.class);
                    FailureAnalysis analysis = LegacyKafkaFailureAnalyzers.analyze(failure);
                    assertThat(analysis.getDescription()).contains("refused authentication")
                            .contains("SASL SCRAM-SHA-512 as user '" + USER + "'")
                            .contains("broker 127.0.0.1:")
                            .containsIgnoringCase("invalid credentials").doesNotContain(WRONG_PASSWORD);
                    assertThat(analysis.getAction()).contains("legacykafka.security.sasl.username and password");
                });
        assertThat(output).doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD);
    }

    @Test
    void wrongPasswordWithoutFailFastStartsWithAWarningAndHealthDown(CapturedOutput output) {
        try (ConfigurableApplicationContext context = run(WRONG_PASSWORD)) {
            assertThat(output).contains("WARN").contains("refused authentication")
                    .contains("fail with AuthenticationException");
            Health health = context.getBean(LegacyKafkaHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(health.getDetails().get("error"))).startsWith("Authentication failed")
                    .containsIgnoringCase("invalid credentials");
            assertThat(health.toString()).doesNotContain(WRONG_PASSWORD);
        }
        assertThat(output).doesNotContain(WRONG_PASSWORD);
    }

    /** key=value of every record in the topic, read with kafka-clients over the PLAINTEXT listener. */
    private static List<String> readBack() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record.key() + "=" + record.value());
                }
            }
        }
        return records;
    }
}
