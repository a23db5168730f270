package dev.legacykafka.spring.metrics;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.spring.ProducerMetric;
import dev.legacykafka.spring.ProducerMetricsSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads every {@code legacykafka.*} meter of a registry tagged with the producer's
 * {@code client.id}, for {@code LegacyKafkaTemplate.metrics()}.
 */
public final class MeterRegistryMetricsSource implements ProducerMetricsSource {

    private static final String PREFIX = "legacykafka.";

    private final MeterRegistry registry;

    /** @param registry the registry the producer's meters are in */
    public MeterRegistryMetricsSource(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public List<ProducerMetric> metrics(LegacyKafkaProducer producer) {
        String clientId = producer.config().clientId();
        List<ProducerMetric> metrics = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            if (id.getName().startsWith(PREFIX) && clientId.equals(id.getTag(MicrometerProducerListener.CLIENT_ID_TAG))) {
                Map<String, String> tags = new LinkedHashMap<>();
                for (Tag tag : id.getTags()) {
                    tags.put(tag.getKey(), tag.getValue());
                }
                Map<String, Double> values = new LinkedHashMap<>();
                for (Measurement measurement : meter.measure()) {
                    values.put(measurement.getStatistic().name().toLowerCase(Locale.ROOT), measurement.getValue());
                }
                metrics.add(new ProducerMetric(id.getName(), tags, values));
            }
        }
        return metrics;
    }
}
