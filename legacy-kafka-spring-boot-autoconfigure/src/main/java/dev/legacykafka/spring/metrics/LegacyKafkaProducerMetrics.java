package dev.legacykafka.spring.metrics;

import dev.legacykafka.client.LegacyKafkaProducer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Binds the meters read from a running producer: {@value #BUFFER_AVAILABLE}, the bytes of buffer
 * memory free (gauge, tag {@code client.id}). Sends block once it reaches zero.
 */
public final class LegacyKafkaProducerMetrics implements MeterBinder {

    /** Gauge of free buffer memory in bytes. */
    public static final String BUFFER_AVAILABLE = "legacykafka.producer.buffer.available";

    private final LegacyKafkaProducer producer;

    /** @param producer the producer to read */
    public LegacyKafkaProducerMetrics(LegacyKafkaProducer producer) {
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(BUFFER_AVAILABLE, producer, LegacyKafkaProducer::bufferAvailableBytes)
                .description("Buffer memory free for records not yet acknowledged").baseUnit("bytes")
                .tag(MicrometerProducerListener.CLIENT_ID_TAG, producer.config().clientId())
                .register(registry);
    }
}
