package dev.legacykafka.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.UnsupportedVersionException;
import dev.legacykafka.spring.LegacyKafkaRecord;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.diagnostics.LegacyKafkaStartupDiagnosticsTests;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reason this library exists, end to end: one web application with two named producers, {@code legacy}
 * on Kafka 0.10.2.2 (Produce v2, MessageSet, the RecordBatch warning for that producer only) and
 * {@code modern} on Kafka 4.4.0 (Produce v13, headers, a transaction), injected by name (headers on
 * {@code legacy} fail clearly), read back
 * by kcat, each with its own health component and meters tagged with its name.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "legacykafka.producer.linger=1ms",
        "legacykafka.producers.modern.transaction-id-prefix=it-multi-tx-",
        "legacykafka.producers.modern.template.default-topic=" + MultiClusterIT.MODERN_TOPIC,
        "management.endpoints.web.exposure.include=health,prometheus",
        "management.endpoint.health.show-details=always"})
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
@Tag(IntegrationTest.TAG)
class MultiClusterIT {

    static final String LEGACY_TOPIC = "it-multi-legacy";

    static final String MODERN_TOPIC = "it-multi-modern";

    private static KafkaBroker legacyBroker;

    private static KafkaBroker modernBroker;

    @Autowired
    @Qualifier("legacy")
    private LegacyKafkaTemplate<String, String> legacy;

    @Autowired
    @Qualifier("modern")
    private LegacyKafkaTemplate<String, String> modern;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void brokers(DynamicPropertyRegistry registry) {
        legacyBroker = ItBrokers.get(ItBrokers.V0_10);
        modernBroker = ItBrokers.get(ItBrokers.V4);
        legacyBroker.createTopic(LEGACY_TOPIC, 1);
        modernBroker.createTopic(MODERN_TOPIC, 1);
        registry.add("legacykafka.producers.legacy.bootstrap-servers", legacyBroker::bootstrapServers);
        registry.add("legacykafka.producers.modern.bootstrap-servers", modernBroker::bootstrapServers);
    }

    @Test
    void oneApplicationFeedsAnOldAndANewClusterThroughTwoNamedProducers(CapturedOutput output) {
        // Startup: the RecordBatch warning names the legacy producer, and only it.
        assertThat(LegacyKafkaStartupDiagnosticsTests.recordBatchWarnings(output)).isEqualTo(1);
        assertThat(warningLine(output)).contains("legacy-kafka producer 'legacy' (client id legacy)")
                .contains(legacyBroker.bootstrapServers() + " (Produce v2, MessageSet (magic 1))")
                .doesNotContain("'modern'");
        assertThat(output).contains("legacy-kafka producer 'modern' (client id modern): broker "
                + modernBroker.bootstrapServers() + " gets Produce v13 with RecordBatch (magic 2)");

        SendResult old = legacy.send(LEGACY_TOPIC, "order-1", "to-the-old-cluster").join();
        assertThat(old.produceVersion()).isEqualTo(2);
        // Headers need Produce v3+: on the legacy producer that send fails and says why, on modern it carries them.
        assertThatThrownBy(() -> legacy.send(LegacyKafkaRecord.of(LEGACY_TOPIC, "k", "v").withHeader("trace", "abc"))
                .join()).cause().isInstanceOf(UnsupportedVersionException.class).hasMessageContaining("RecordBatch");
        SendResult committed = modern.executeInTransaction(t -> t.send(
                LegacyKafkaRecord.of(MODERN_TOPIC, "order-1", "to-the-new-cluster").withHeader("trace", "abc"))).join();
        assertThat(committed.produceVersion()).isEqualTo(13);

        // Read back by kcat, each from its own cluster; the transactional record read_committed.
        List<ConsumedRecord> oldRead = KcatReader.readToEnd(legacyBroker, LEGACY_TOPIC, Duration.ofSeconds(30));
        assertThat(oldRead).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo("to-the-old-cluster");
            assertThat(r.offset()).isEqualTo(old.offset());
            assertThat(r.headers()).isEmpty();
        });
        List<ConsumedRecord> newRead = KcatReader.readToEnd(modernBroker, MODERN_TOPIC, Duration.ofSeconds(30), true);
        assertThat(newRead).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo("to-the-new-cluster");
            assertThat(r.offset()).isEqualTo(committed.offset());
            assertThat(r.headers()).containsExactly(Map.entry("trace", "abc"));
        });

        // Actuator: one health component per producer under legacykafka, meters tagged with the producer name.
        Actuator actuator = new Actuator(port);
        String health = actuator.get("health/legacykafka");
        assertThat(health).startsWith("{\"components\":{\"legacy\":{").contains("},\"modern\":{").endsWith("\"status\":\"UP\"}");
        assertThat(actuator.get("health/legacykafka/legacy")).contains("\"status\":\"UP\"")
                .contains("\"clientId\":\"legacy\"").contains("\"produceVersion\":2").contains("MessageSet (magic 1)");
        assertThat(actuator.get("health/legacykafka/modern")).contains("\"status\":\"UP\"")
                .contains("\"clientId\":\"modern\"").contains("\"produceVersion\":13").contains("RecordBatch (magic 2)");
        String scrape = actuator.get("prometheus");
        assertThat(Actuator.valueIn(scrape, "legacykafka_producer_produce_version", "producer", "legacy",
                "client_id", "legacy")).isEqualTo(2.0);
        assertThat(Actuator.valueIn(scrape, "legacykafka_producer_produce_version", "producer", "modern",
                "client_id", "modern")).isEqualTo(13.0);
        assertThat(Actuator.valueIn(scrape, "legacykafka_producer_records_sent_total", "producer", "legacy",
                "topic", LEGACY_TOPIC)).isEqualTo(1.0);
        assertThat(Actuator.valueIn(scrape, "legacykafka_producer_records_sent_total", "producer", "modern",
                "topic", MODERN_TOPIC)).isEqualTo(1.0);
        assertThat(Actuator.valueIn(scrape, "legacykafka_template_send_seconds_count", "producer", "modern",
                "outcome", "success")).isEqualTo(1.0);
    }

    private static String warningLine(CharSequence output) {
        Matcher m = Pattern.compile("(?m)^.*\\bWARN\\b.*RecordBatch.*$").matcher(output);
        return m.find() ? m.group() : "";
    }
}
