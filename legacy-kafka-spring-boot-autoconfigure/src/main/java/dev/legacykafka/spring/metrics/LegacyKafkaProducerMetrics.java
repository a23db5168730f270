package dev.legacykafka.spring.metrics;

import dev.legacykafka.client.LegacyKafkaProducer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
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

    private final Iterable<Tag> extraTags;

    /** @param producer the producer to read */
    public LegacyKafkaProducerMetrics(LegacyKafkaProducer producer) {
        this(producer, Tags.empty());
    }

    /**
     * @param producer  the producer to read
     * @param extraTags tags besides {@code client.id} (a named producer's {@code producer} tag)
     */
    public LegacyKafkaProducerMetrics(LegacyKafkaProducer producer, Iterable<Tag> extraTags) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.extraTags = Objects.requireNonNull(extraTags, "extraTags");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(BUFFER_AVAILABLE, producer, LegacyKafkaProducer::bufferAvailableBytes)
                .description("Buffer memory free for records not yet acknowledged").baseUnit("bytes")
                .tag(MicrometerProducerListener.CLIENT_ID_TAG, producer.config().clientId())
                .tags(extraTags)
                .register(registry);
    }
}
