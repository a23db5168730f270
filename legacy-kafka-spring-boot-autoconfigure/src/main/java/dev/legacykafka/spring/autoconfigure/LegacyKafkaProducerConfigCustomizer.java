package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.client.ProducerConfig;

/**
 * Callback that adjusts the auto-configured {@link ProducerConfig.Builder} after the
 * {@code legacykafka.*} properties and connection details were applied, before it is built and
 * validated. Customizers run in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface LegacyKafkaProducerConfigCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder, with the properties already applied
     */
    void customize(ProducerConfig.Builder builder);
}
