package dev.legacykafka.spring.autoconfigure.observation;

import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaAutoConfiguration;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaTemplateCustomizer;
import dev.legacykafka.spring.observation.LegacyKafkaTemplateObservationConvention;
import dev.legacykafka.spring.observation.ObservationSendInstrumentation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * With {@code legacykafka.template.observation-enabled=true} and an {@link ObservationRegistry}
 * bean, wraps every send of the auto-configured template in an Observation (see
 * {@link ObservationSendInstrumentation}); a {@link LegacyKafkaTemplateObservationConvention} bean,
 * if there is exactly one, names and tags it instead of the default convention.
 */
@AutoConfiguration(after = LegacyKafkaAutoConfiguration.class, afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ObservationRegistry.class, LegacyKafkaTemplate.class})
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty("legacykafka.template.observation-enabled")
public final class LegacyKafkaObservationAutoConfiguration {

    @Bean
    LegacyKafkaTemplateCustomizer legacyKafkaTemplateObservation(ObservationRegistry registry,
            ObjectProvider<LegacyKafkaTemplateObservationConvention> convention) {
        ObservationSendInstrumentation instrumentation = new ObservationSendInstrumentation(registry,
                convention.getIfUnique());
        return template -> template.setSendInstrumentation(instrumentation);
    }
}
