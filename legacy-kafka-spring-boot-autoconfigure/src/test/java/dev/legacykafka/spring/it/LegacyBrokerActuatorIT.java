package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.UnsupportedVersionException;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.diagnostics.LegacyKafkaStartupDiagnosticsTests;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A web application on Kafka 0.10.2.2, which offers Produce v0-v2 only: MessageSet magic 1, one
 * RecordBatch warning at startup, records read back by kcat, throttle time under a quota on
 * /actuator/prometheus, health with the legacy format.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "legacykafka.client-id=" + LegacyBrokerActuatorIT.CLIENT_ID,
        "management.endpoints.web.exposure.include=health,metrics,prometheus",
        "management.endpoint.health.show-details=always"})
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag(IntegrationTest.TAG)
class LegacyBrokerActuatorIT {

    static final String CLIENT_ID = "it-01022";

    private static KafkaBroker broker;

    @Autowired
    private LegacyKafkaTemplate<String, String> template;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void brokerProperties(DynamicPropertyRegistry registry) {
        registry.add("legacykafka.bootstrap-servers", () -> broker().bootstrapServers());
    }

    private static KafkaBroker broker() {
        if (broker == null) {
            broker = ItBrokers.get(ItBrokers.V0_10);
            broker.createTopic("it01022-orders", 2);
            broker.createTopic("it01022-quota", 1);
        }
        return broker;
    }

    @BeforeAll
    static void brokerUp() {
        broker();
    }

    @Test
    @Order(1)
    void startupLogsOneRecordBatchWarning(CapturedOutput output) {
        assertThat(LegacyKafkaStartupDiagnosticsTests.recordBatchWarnings(output)).isEqualTo(1);
        assertThat(output).contains("broker " + broker.bootstrapServers() + " gets Produce v2 with MessageSet (magic 1)")
                .contains("headers, the idempotent producer and transactions are unavailable")
                .contains("upgrade the brokers to 0.11 or newer");
    }

    @Test
    @Order(2)
    void sendThroughTheInjectedTemplateAndReadBackWithKcat() {
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(template.send("it01022-orders", "key-" + i, "value-" + i).join());
        }
        assertThat(results).allSatisfy(result -> {
            assertThat(result.produceVersion()).isEqualTo(2);
            assertThat(result.offset()).isGreaterThanOrEqualTo(0);
            assertThat(result.logStartOffset()).isEqualTo(-1);
        });
        // Exactly the six records, each where the producer said it was written.
        List<ConsumedRecord> read = KcatReader.readToEnd(broker, "it01022-orders", Duration.ofSeconds(30));
        assertThat(read).extracting(r -> r.partition() + "@" + r.offset() + " " + r.key() + "=" + r.value())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 6).mapToObj(i -> results.get(i).partition()
                        + "@" + results.get(i).offset() + " key-" + i + "=value-" + i).toList());
    }

    @Test
    @Order(3)
    void headersFailClearlyInsteadOfVanishing() {
        CompletableFuture<SendResult> send = template.send(LegacyKafkaRecord.of("it01022-orders", "k", "v")
                .withHeader("trace", "t"));
        assertThatThrownBy(send::join).cause().isInstanceOf(UnsupportedVersionException.class)
                .hasMessageContaining("RecordBatch");
    }

    @Test
    @Order(4)
    void healthAndMetersShowTheLegacyFormat() {
        Actuator actuator = new Actuator(port);
        assertThat(actuator.get("health/legacykafka")).contains("\"status\":\"UP\"").contains("\"produceVersion\":2")
                .contains("MessageSet (magic 1)");
        assertThat(actuator.prometheus("legacykafka_producer_produce_version", "client_id", CLIENT_ID, "broker",
                broker.bootstrapServers())).hasValue(2.0);
    }

    @Test
    @Order(5)
    void throttleTimeAboveZeroUnderABrokerQuota() throws Exception {
        Quotas.limitProducerBytes(broker, CLIENT_ID, 1024);
        String value = "x".repeat(1000);
        Actuator actuator = new Actuator(port);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<CompletableFuture<SendResult>> sends = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                sends.add(template.send("it01022-quota", "k" + i, value));
            }
            sends.forEach(CompletableFuture::join);
            assertThat(actuator.value("legacykafka_producer_throttle_time_seconds_sum", "client_id", CLIENT_ID))
                    .isGreaterThan(0);
        });
        assertThat(actuator.value("legacykafka_producer_throttle_time_seconds_max", "client_id", CLIENT_ID))
                .isGreaterThan(0);
    }
}
