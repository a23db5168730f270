package dev.legacykafka.spring.autoconfigure;

import java.util.Map;

/**
 * Maps the client's setting names ({@code ConfigException.setting()}, kebab case) onto the
 * {@code legacykafka.*} properties a user writes.
 */
final class ClientSettingNames {

    private static final String PRODUCER = "legacykafka.producer.";

    private static final String SECURITY = "legacykafka.security.";

    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("bootstrap-servers", "legacykafka.bootstrap-servers"),
            Map.entry("client-id", "legacykafka.client-id"),
            Map.entry("api-version", "legacykafka.api-version"),
            Map.entry("broker-version-fallback", "legacykafka.broker-version-fallback"),
            Map.entry("metadata-max-age", "legacykafka.metadata-max-age"),
            Map.entry("transactional-id", "legacykafka.transactional-id"),
            Map.entry("acks", PRODUCER + "acks"),
            Map.entry("linger", PRODUCER + "linger"),
            Map.entry("batch-size", PRODUCER + "batch-size"),
            Map.entry("buffer-memory", PRODUCER + "buffer-memory"),
            Map.entry("max-block", PRODUCER + "max-block"),
            Map.entry("request-timeout", PRODUCER + "request-timeout"),
            Map.entry("delivery-timeout", PRODUCER + "delivery-timeout"),
            Map.entry("retries", PRODUCER + "retries"),
            Map.entry("retry-backoff", PRODUCER + "retry-backoff"),
            Map.entry("retry-backoff-max", PRODUCER + "retry-backoff-max"),
            Map.entry("max-in-flight", PRODUCER + "max-in-flight"),
            Map.entry("max-request-size", PRODUCER + "max-request-size"),
            Map.entry("compression", PRODUCER + "compression"),
            Map.entry("partitioner", PRODUCER + "partitioner"),
            Map.entry("connect-timeout", PRODUCER + "connect-timeout"),
            Map.entry("security.protocol", SECURITY + "protocol"),
            // The client's "security.sasl": a SASL protocol without credentials; the mechanism comes first.
            Map.entry("security.sasl", SECURITY + "sasl.mechanism"),
            // The client's "security.ssl": TLS as a whole (an SSLContext with store files, or none to be had).
            Map.entry("security.ssl", SECURITY + "ssl.*"),
            Map.entry("security.ssl.trust-store", SECURITY + "ssl.trust-store-location"),
            Map.entry("security.ssl.key-store", SECURITY + "ssl.key-store-location"));

    private ClientSettingNames() {
    }

    /**
     * The property for a client setting. Other {@code security.*} settings keep their name under
     * {@code legacykafka.} ({@code security.sasl.username}, {@code security.ssl.trust-certificates});
     * any other unknown setting is assumed to sit under producer.
     */
    static String propertyFor(String setting) {
        String property = PROPERTIES.get(setting);
        if (property != null) {
            return property;
        }
        return setting.startsWith("security.") ? "legacykafka." + setting : PRODUCER + setting;
    }
}
