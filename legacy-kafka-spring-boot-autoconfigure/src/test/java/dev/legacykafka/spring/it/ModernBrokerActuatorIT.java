package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.RecordErrorException;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.diagnostics.LegacyKafkaStartupDiagnosticsTests;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * A web application on Kafka 4.4.0, as a user runs it: records sent through the injected template
 * and read back by kcat; throttle times, record errors and the rest on /actuator/prometheus and
 * /actuator/metrics; health with the broker's version; no RecordBatch warning.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "legacykafka.client-id=" + ModernBrokerActuatorIT.CLIENT_ID, "legacykafka.template.default-topic=it440-orders",
        "management.endpoints.web.exposure.include=health,metrics,prometheus",
        "management.endpoint.health.show-details=always"})
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag(IntegrationTest.TAG)
class ModernBrokerActuatorIT {

    static final String CLIENT_ID = "it-440";

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
            broker = ItBrokers.get(ItBrokers.V4);
            broker.createTopic("it440-orders", 3);
            broker.createTopic("it440-compacted", 1, Map.of("cleanup.policy", "compact"));
            broker.createTopic("it440-quota", 1);
            broker.createTopic("it440-meters", 1);
            broker.createTopic("it440-meters-compacted", 1, Map.of("cleanup.policy", "compact"));
        }
        return broker;
    }

    @BeforeAll
    static void brokerUp() {
        broker();
    }

    @Test
    @Order(1)
    void startupLogsRecordBatchAtInfoAndNoRecordBatchWarning(CapturedOutput output) {
        assertThat(output).contains("legacy-kafka producer " + CLIENT_ID + ": broker " + broker.bootstrapServers()
                + " gets Produce v13 with RecordBatch (magic 2)");
        assertThat(LegacyKafkaStartupDiagnosticsTests.recordBatchWarnings(output)).isZero();
    }

    @Test
    @Order(2)
    void sendThroughTheInjectedTemplateAndReadBackWithKcat() {
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sends.add(template.send(LegacyKafkaRecord.of("it440-orders", "key-" + i, "value-" + i)
                    .withHeader("trace", "t-" + i)));
        }
        sends.add(template.sendDefault("key-10", "value-10"));
        List<SendResult> results = sends.stream().map(CompletableFuture::join).toList();
        assertThat(results).allSatisfy(result -> {
            assertThat(result.topic()).isEqualTo("it440-orders");
            assertThat(result.offset()).isGreaterThanOrEqualTo(0);
            assertThat(result.produceVersion()).isEqualTo(13);
            assertThat(result.logStartOffset()).isZero();
            assertThat(result.throttleTimeMs()).isZero();
        });
        // Exactly the eleven records (only this test writes the topic), each with its headers, where the
        // producer said it was written.
        List<ConsumedRecord> read = KcatReader.readToEnd(broker, "it440-orders", Duration.ofSeconds(30));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            SendResult sent = results.get(i);
            expected.add(sent.partition() + "@" + sent.offset() + " key-" + i + "=value-" + i + " "
                    + (i < 10 ? List.of(Map.entry("trace", "t-" + i)) : List.of()));
        }
        assertThat(read).extracting(r -> r.partition() + "@" + r.offset() + " " + r.key() + "=" + r.value() + " "
                + r.headers()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @Order(3)
    void recordErrorsShowInPrometheus() {
        // A null key on a compacted topic: INVALID_RECORD with a record_errors entry (Produce v8+).
        CompletableFuture<SendResult> send = template.send("it440-compacted", null, "no-key");
        assertThatThrownBy(send::join).cause().isInstanceOf(RecordErrorException.class)
                .hasMessageContaining("INVALID_RECORD");
        Actuator actuator = new Actuator(port);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(actuator.prometheus(
                "legacykafka_producer_record_errors_total", "client_id", CLIENT_ID, "topic", "it440-compacted",
                "error", "INVALID_RECORD")).hasValue(1.0));
        assertThat(actuator.prometheus("legacykafka_producer_send_errors_total", "client_id", CLIENT_ID,
                "topic", "it440-compacted", "error", "INVALID_RECORD")).hasValue(1.0);
    }

    @Test
    @Order(4)
    void everyProducerMeterIsOnPrometheusAndMetrics() {
        // Its own topics and its own sends, a refused one included: what the other tests sent does not matter here.
        for (int i = 0; i < 3; i++) {
            template.send("it440-meters", "k" + i, "v").join();
        }
        assertThatThrownBy(() -> template.send("it440-meters-compacted", null, "no-key").join()).cause()
                .isInstanceOf(RecordErrorException.class);
        Actuator actuator = new Actuator(port);
        String broker = ModernBrokerActuatorIT.broker.bootstrapServers();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = actuator.get("prometheus");
            // Zeros count: every response had throttle_time_ms 0, and this test's sends had responses.
            assertThat(Actuator.valueIn(scrape, "legacykafka_producer_throttle_time_seconds_count", "client_id",
                    CLIENT_ID, "broker", broker)).isGreaterThan(0);
            assertThat(Actuator.valueIn(scrape, "legacykafka_producer_records_sent_total", "client_id", CLIENT_ID,
                    "topic", "it440-meters")).isEqualTo(3.0);
            assertThat(Actuator.valueIn(scrape, "legacykafka_producer_request_latency_seconds_count", "client_id",
                    CLIENT_ID, "broker", broker)).isGreaterThan(0);
            assertThat(Actuator.valueIn(scrape, "legacykafka_producer_batch_size_bytes_sum", "client_id", CLIENT_ID,
                    "topic", "it440-meters")).isGreaterThan(0);
            assertThat(Actuator.valueIn(scrape, "legacykafka_producer_record_errors_total", "client_id", CLIENT_ID,
                    "topic", "it440-meters-compacted", "error", "INVALID_RECORD")).isEqualTo(1.0);
            assertThat(Actuator.valueIn(scrape, "legacykafka_producer_send_errors_total", "client_id", CLIENT_ID,
                    "topic", "it440-meters-compacted", "error", "INVALID_RECORD")).isEqualTo(1.0);
            assertThat(Actuator.sample(scrape, "legacykafka_producer_buffer_available_bytes", "client_id", CLIENT_ID))
                    .hasValue(32.0 * 1024 * 1024);
            assertThat(Actuator.sample(scrape, "legacykafka_producer_produce_version", "client_id", CLIENT_ID,
                    "broker", broker)).hasValue(13.0);
        });
        assertThat(actuator.get("metrics")).contains("legacykafka.producer.throttle.time")
                .contains("legacykafka.producer.record.errors").contains("legacykafka.producer.records.sent")
                .contains("legacykafka.producer.send.errors").contains("legacykafka.producer.request.latency")
                .contains("legacykafka.producer.batch.size").contains("legacykafka.producer.buffer.available")
                .contains("legacykafka.producer.produce.version");
        assertThat(actuator.get("metrics/legacykafka.producer.throttle.time?tag=client.id:" + CLIENT_ID))
                .contains("\"statistic\":\"COUNT\"").contains("\"baseUnit\":\"seconds\"");
    }

    @Test
    @Order(5)
    void healthIsUpWithTheBrokersVersion() {
        String health = new Actuator(port).get("health/legacykafka");
        assertThat(health).contains("\"status\":\"UP\"").contains("\"produceVersion\":13")
                .contains("RecordBatch (magic 2)").contains(broker.bootstrapServers());
    }

    @Test
    @Order(6)
    void throttleTimeAboveZeroUnderABrokerQuota() throws Exception {
        Quotas.limitProducerBytes(broker, CLIENT_ID, 1024);
        String value = "x".repeat(1000);
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            sends.add(template.send("it440-quota", "k" + i, value));
        }
        sends.forEach(CompletableFuture::join);
        Actuator actuator = new Actuator(port);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            template.send("it440-quota", "more", value).join();
            assertThat(actuator.value("legacykafka_producer_throttle_time_seconds_sum", "client_id", CLIENT_ID))
                    .isGreaterThan(0);
        });
        assertThat(actuator.value("legacykafka_producer_throttle_time_seconds_max", "client_id", CLIENT_ID))
                .isGreaterThan(0);
    }
}
