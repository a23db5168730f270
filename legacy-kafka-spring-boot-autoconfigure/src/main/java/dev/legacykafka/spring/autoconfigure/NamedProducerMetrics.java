package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.spring.LegacyKafkaTemplate;

/**
 * Meters of the named producers ({@code legacykafka.producers.<name>.*}), each tagged with the
 * producer's name. The metrics auto-configuration provides it when a MeterRegistry exists; the
 * named producers' beans use it as they are built, so that the auto-configuration module does not
 * need Micrometer on the class path.
 */
public interface NamedProducerMetrics {

    /** The listener that turns the named producer's broker answers into meters. */
    ProducerListener listener(String producerName, String clientId);

    /** Binds the meters read from the running producer (free buffer memory). */
    void bind(String producerName, LegacyKafkaProducer producer);

    /**
     * Tags the template's send timer, or its Observations under {@code observation-enabled}, with the
     * producer name (after the template customizers ran).
     */
    void instrument(String producerName, LegacyKafkaTemplate<?, ?> template);
}
