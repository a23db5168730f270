package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.legacykafka.client.SendResult;
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
 * A web application on Kafka 0.11.0.3, the first broker with RecordBatch: Produce v3 with headers,
 * no RecordBatch warning, records read back by kcat, throttle time under a quota on
 * /actuator/prometheus.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "legacykafka.client-id=" + RecordBatchBrokerActuatorIT.CLIENT_ID,
        "management.endpoints.web.exposure.include=health,metrics,prometheus",
        "management.endpoint.health.show-details=always"})
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag(IntegrationTest.TAG)
class RecordBatchBrokerActuatorIT {

    static final String CLIENT_ID = "it-01103";

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
            broker = ItBrokers.get(ItBrokers.V0_11);
            broker.createTopic("it01103-orders", 2);
            broker.createTopic("it01103-quota", 1);
        }
        return broker;
    }

    @BeforeAll
    static void brokerUp() {
        broker();
    }

    @Test
    @Order(1)
    void startupLogsRecordBatchAndNoWarning(CapturedOutput output) {
        assertThat(LegacyKafkaStartupDiagnosticsTests.recordBatchWarnings(output)).isZero();
        assertThat(output).contains("broker " + broker.bootstrapServers() + " gets Produce v3 with RecordBatch (magic 2)");
    }

    @Test
    @Order(2)
    void recordsWithHeadersGoThroughTheTemplateAndReadBackWithKcat() {
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(template.send(LegacyKafkaRecord.of("it01103-orders", "key-" + i, "value-" + i)
                    .withHeader("trace", "t" + i)).join());
        }
        assertThat(results).allSatisfy(result -> assertThat(result.produceVersion()).isEqualTo(3));
        // Exactly the six records, each with its header, where the producer said it was written.
        List<ConsumedRecord> read = KcatReader.readToEnd(broker, "it01103-orders", Duration.ofSeconds(30));
        assertThat(read).extracting(r -> r.partition() + "@" + r.offset() + " " + r.key() + "=" + r.value() + " "
                        + r.headers())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 6).mapToObj(i -> results.get(i).partition()
                        + "@" + results.get(i).offset() + " key-" + i + "=value-" + i + " "
                        + List.of(Map.entry("trace", "t" + i))).toList());
    }

    @Test
    @Order(3)
    void metersShowRecordsSentVersionAndThrottleTime() throws Exception {
        Actuator actuator = new Actuator(port);
        assertThat(actuator.prometheus("legacykafka_producer_produce_version", "client_id", CLIENT_ID, "broker",
                broker.bootstrapServers())).hasValue(3.0);
        assertThat(actuator.value("legacykafka_producer_records_sent_total", "client_id", CLIENT_ID)).isGreaterThan(0);
        Quotas.limitProducerBytes(broker, CLIENT_ID, 1024);
        String value = "x".repeat(1000);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<CompletableFuture<SendResult>> sends = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                sends.add(template.send("it01103-quota", "k" + i, value));
            }
            sends.forEach(CompletableFuture::join);
            assertThat(actuator.value("legacykafka_producer_throttle_time_seconds_sum", "client_id", CLIENT_ID))
                    .isGreaterThan(0);
        });
    }
}
