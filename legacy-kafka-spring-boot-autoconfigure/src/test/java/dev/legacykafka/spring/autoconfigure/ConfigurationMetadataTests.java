package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/** The metadata IDEs read: every property described, defaults and hints where they help. */
class ConfigurationMetadataTests {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata() throws Exception {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            return JsonMapper.shared().readValue(in, Map.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byName(String section) throws Exception {
        return ((List<Map<String, Object>>) metadata().get(section)).stream()
                .collect(Collectors.toMap(p -> (String) p.get("name"), p -> p, (a, b) -> a));
    }

    @Test
    void everyPropertyHasADescription() throws Exception {
        List<String> undocumented = new ArrayList<>();
        byName("properties").forEach((name, property) -> {
            if (name.startsWith("legacykafka.") && !(property.get("description") instanceof String text && !text.isBlank())) {
                undocumented.add(name);
            }
        });
        assertThat(undocumented).isEmpty();
    }

    @Test
    void theDocumentedPropertiesAreAllThere() throws Exception {
        assertThat(byName("properties")).containsKeys("legacykafka.bootstrap-servers", "legacykafka.client-id",
                "legacykafka.api-version", "legacykafka.transactional-id", "legacykafka.broker-version-fallback",
                "legacykafka.metadata-max-age", "legacykafka.producer.acks", "legacykafka.producer.idempotence",
                "legacykafka.producer.linger", "legacykafka.producer.batch-size", "legacykafka.producer.buffer-memory",
                "legacykafka.producer.max-block", "legacykafka.producer.compression", "legacykafka.producer.retries",
                "legacykafka.producer.retry-backoff", "legacykafka.producer.request-timeout",
                "legacykafka.producer.delivery-timeout", "legacykafka.producer.max-in-flight",
                "legacykafka.producer.max-request-size", "legacykafka.producer.partitioner",
                "legacykafka.producer.close-timeout", "legacykafka.producer.key-serializer",
                "legacykafka.producer.value-serializer", "legacykafka.security.protocol",
                "legacykafka.security.ssl.bundle", "legacykafka.security.ssl.trust-store-location",
                "legacykafka.security.ssl.trust-store-type", "legacykafka.security.ssl.trust-store-password",
                "legacykafka.security.ssl.trust-certificates", "legacykafka.security.ssl.key-store-location",
                "legacykafka.security.ssl.key-store-type", "legacykafka.security.ssl.key-store-password",
                "legacykafka.security.ssl.key-password", "legacykafka.security.ssl.certificate",
                "legacykafka.security.ssl.private-key", "legacykafka.security.ssl.private-key-password",
                "legacykafka.security.ssl.hostname-verification", "legacykafka.security.ssl.protocols",
                "legacykafka.security.ssl.cipher-suites", "legacykafka.security.sasl.mechanism",
                "legacykafka.security.sasl.username", "legacykafka.security.sasl.password",
                "legacykafka.template.default-topic", "legacykafka.metrics.enabled", "legacykafka.startup.diagnostics",
                "legacykafka.startup.timeout", "legacykafka.startup.fail-fast", "legacykafka.health.timeout",
                "management.health.legacykafka.enabled");
    }

    @Test
    void defaultsAreDocumented() throws Exception {
        Map<String, Map<String, Object>> properties = byName("properties");
        assertThat(properties.get("legacykafka.api-version")).containsEntry("defaultValue", "auto");
        assertThat(properties.get("legacykafka.producer.acks")).containsEntry("defaultValue", "all");
        assertThat(properties.get("legacykafka.producer.linger")).containsEntry("defaultValue", "5ms");
        assertThat(properties.get("legacykafka.producer.batch-size")).containsEntry("defaultValue", "16KB");
        assertThat(properties.get("legacykafka.producer.retries")).containsEntry("defaultValue", Integer.MAX_VALUE);
        assertThat(properties.get("legacykafka.bootstrap-servers")).containsEntry("defaultValue",
                List.of("localhost:9092"));
        assertThat(properties.get("legacykafka.security.protocol")).containsEntry("defaultValue", "PLAINTEXT");
        assertThat(properties.get("legacykafka.security.ssl.hostname-verification")).containsEntry("defaultValue", true);
    }

    @Test
    void templateObservabilityPropertiesAreDescribedWithTheirDefaults() throws Exception {
        Map<String, Map<String, Object>> properties = byName("properties");
        assertThat(properties.get("legacykafka.template.log-failed-sends")).containsEntry("defaultValue", true)
                .containsEntry("type", "java.lang.Boolean");
        assertThat((String) properties.get("legacykafka.template.log-failed-sends").get("description"))
                .contains("never the value");
        assertThat(properties.get("legacykafka.template.observation-enabled")).containsEntry("defaultValue", false);
        assertThat((String) properties.get("legacykafka.template.observation-enabled").get("description"))
                .contains("Observation").contains("Produce v3+");
    }

    @Test
    void descriptionsSayWhatTheFeaturesNeed() throws Exception {
        Map<String, Map<String, Object>> properties = byName("properties");
        assertThat((String) properties.get("legacykafka.transactional-id").get("description"))
                .contains("executeInTransaction").contains("0.11+");
        assertThat((String) properties.get("legacykafka.producer.idempotence").get("description"))
                .contains("acks=all");
        assertThat((String) properties.get("legacykafka.security.protocol").get("description"))
                .contains("SASL_SSL").doesNotContain("not supported");
        assertThat((String) properties.get("legacykafka.security.ssl.bundle").get("description"))
                .contains("spring.ssl.bundle");
        assertThat((String) properties.get("legacykafka.security.ssl.trust-store-location").get("description"))
                .contains("file system");
        byName("properties").forEach((name, property) -> {
            if (name.startsWith("legacykafka.security.") && name.endsWith("password")) {
                assertThat((String) property.get("description")).as(name).contains("Never logged or shown");
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void valueHintsForTheStringProperties() throws Exception {
        Map<String, Map<String, Object>> hints = byName("hints");
        List<Object> apiVersions = ((List<Map<String, Object>>) hints.get("legacykafka.api-version").get("values"))
                .stream().map(v -> v.get("value")).collect(Collectors.toList());
        assertThat(apiVersions).hasSize(15).contains("auto", "0", "2", "3", "13");
        // The broker release that brought each version, where a hint names one: v8 (record_errors) came
        // with 2.4, flexible v9 with 2.8 (ProduceAcrossBrokerVersionsIT: 2.8.2 takes v0-v9).
        Map<Object, String> apiVersionHints = ((List<Map<String, Object>>) hints.get("legacykafka.api-version")
                .get("values")).stream().collect(Collectors.toMap(v -> v.get("value"), v -> (String) v.get("description")));
        assertThat(apiVersionHints.get("3")).contains("0.11+");
        assertThat(apiVersionHints.get("7")).contains("2.1+");
        assertThat(apiVersionHints.get("8")).contains("2.4+");
        assertThat(apiVersionHints.get("9")).contains("2.8+").doesNotContain("2.4");
        assertThat(hints).containsKeys("legacykafka.producer.acks", "legacykafka.broker-version-fallback",
                "legacykafka.security.sasl.mechanism", "legacykafka.security.protocol",
                "legacykafka.security.ssl.trust-store-type", "legacykafka.security.ssl.key-store-type");
        List<Object> protocols = ((List<Map<String, Object>>) hints.get("legacykafka.security.protocol").get("values"))
                .stream().map(v -> v.get("value")).collect(Collectors.toList());
        assertThat(protocols).containsExactly("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
        List<Object> mechanisms = ((List<Map<String, Object>>) hints.get("legacykafka.security.sasl.mechanism")
                .get("values")).stream().map(v -> v.get("value")).collect(Collectors.toList());
        assertThat(mechanisms).containsExactlyInAnyOrder("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
    }
}
