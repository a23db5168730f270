package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.spring.LegacyKafkaTemplate;

/**
 * Customizes the auto-configured {@link LegacyKafkaTemplate} before it is used, e.g. to set its
 * {@link dev.legacykafka.spring.SendInstrumentation}. Every bean of this type is applied, in
 * {@link org.springframework.core.Ordered} order; the metrics and observation auto-configurations
 * contribute one each.
 */
@FunctionalInterface
public interface LegacyKafkaTemplateCustomizer {

    /** @param template the template to customize */
    void customize(LegacyKafkaTemplate<?, ?> template);
}
