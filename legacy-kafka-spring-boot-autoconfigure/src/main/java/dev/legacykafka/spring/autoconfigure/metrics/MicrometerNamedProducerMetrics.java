package dev.legacykafka.spring.autoconfigure.metrics;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.spring.LegacyKafkaTemplate;
import dev.legacykafka.spring.autoconfigure.NamedProducerMetrics;
import dev.legacykafka.spring.metrics.LegacyKafkaProducerMetrics;
import dev.legacykafka.spring.metrics.MicrometerProducerListener;
import dev.legacykafka.spring.metrics.SendTimerInstrumentation;
import dev.legacykafka.spring.observation.ObservationSendInstrumentation;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The named producers' meters: the same names as the single producer's, each with the tag
 * {@value MicrometerProducerListener#PRODUCER_TAG} = the producer's name besides {@code client.id}.
 */
final class MicrometerNamedProducerMetrics implements NamedProducerMetrics {

    private final MeterRegistry registry;

    MicrometerNamedProducerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private static Tags tags(String producerName) {
        return Tags.of(MicrometerProducerListener.PRODUCER_TAG, producerName);
    }

    @Override
    public ProducerListener listener(String producerName, String clientId) {
        return new MicrometerProducerListener(registry, clientId, tags(producerName));
    }

    @Override
    public void bind(String producerName, LegacyKafkaProducer producer) {
        new LegacyKafkaProducerMetrics(producer, tags(producerName)).bindTo(registry);
    }

    @Override
    public void instrument(String producerName, LegacyKafkaTemplate<?, ?> template) {
        // The customizer gave every template the same untagged timer; this template's sends carry its name.
        if (template.getSendInstrumentation() instanceof SendTimerInstrumentation timer) {
            template.setSendInstrumentation(timer.withTags(tags(producerName)));
        } else if (template.getSendInstrumentation() instanceof ObservationSendInstrumentation observation) {
            // observation-enabled: the Observation's timer replaces the send timer and needs the tag as much.
            template.setSendInstrumentation(observation.withLowCardinalityKeyValues(
                    KeyValues.of(MicrometerProducerListener.PRODUCER_TAG, producerName)));
        }
    }
}
