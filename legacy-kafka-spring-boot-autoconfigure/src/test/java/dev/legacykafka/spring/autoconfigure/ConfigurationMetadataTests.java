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
                "legacykafka.security.ssl.bundle", "legacykafka.security.sasl.mechanism",
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
    }

    @Test
    void unsupportedFeaturesSaySoInTheirDescription() throws Exception {
        Map<String, Map<String, Object>> properties = byName("properties");
        assertThat((String) properties.get("legacykafka.transactional-id").get("description"))
                .contains("executeInTransaction").contains("0.11+");
        assertThat((String) properties.get("legacykafka.producer.idempotence").get("description"))
                .contains("acks=all");
        assertThat((String) properties.get("legacykafka.security.protocol").get("description"))
                .contains("Only PLAINTEXT is supported by this version");
    }

    @Test
    @SuppressWarnings("unchecked")
    void valueHintsForTheStringProperties() throws Exception {
        Map<String, Map<String, Object>> hints = byName("hints");
        List<Object> apiVersions = ((List<Map<String, Object>>) hints.get("legacykafka.api-version").get("values"))
                .stream().map(v -> v.get("value")).collect(Collectors.toList());
        assertThat(apiVersions).hasSize(15).contains("auto", "0", "2", "3", "13");
        assertThat(hints).containsKeys("legacykafka.producer.acks", "legacykafka.broker-version-fallback",
                "legacykafka.security.sasl.mechanism");
    }
}
