package dev.legacykafka.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the Observation of a send. Declare a bean of this type to replace
 * {@link DefaultLegacyKafkaTemplateObservationConvention}, or extend that class to add tags.
 */
public interface LegacyKafkaTemplateObservationConvention extends ObservationConvention<LegacyKafkaSenderContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof LegacyKafkaSenderContext;
    }
}
