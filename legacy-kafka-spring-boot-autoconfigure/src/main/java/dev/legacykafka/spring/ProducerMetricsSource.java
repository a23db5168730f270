package dev.legacykafka.spring;

import dev.legacykafka.client.LegacyKafkaProducer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where {@link LegacyKafkaTemplate#metrics()} reads a producer's meters. Without a meter registry
 * the template reads what the producer itself knows ({@link #PRODUCER}); the metrics
 * auto-configuration makes it read every {@code legacykafka.*} meter of the producer's client id.
 */
@FunctionalInterface
public interface ProducerMetricsSource {

    /**
     * What the producer knows without a registry: {@code legacykafka.producer.buffer.available} and
     * {@code legacykafka.producer.produce.version} per broker.
     */
    ProducerMetricsSource PRODUCER = producer -> {
        String clientId = producer.config().clientId();
        List<ProducerMetric> metrics = new ArrayList<>();
        metrics.add(new ProducerMetric("legacykafka.producer.buffer.available", Map.of("client.id", clientId),
                Map.of("value", (double) producer.bufferAvailableBytes())));
        producer.produceVersions().forEach((broker, version) -> metrics.add(new ProducerMetric(
                "legacykafka.producer.produce.version", Map.of("client.id", clientId, "broker", broker),
                Map.of("value", version.doubleValue()))));
        return metrics;
    };

    /**
     * Reads the producer's meters now.
     *
     * @param producer the producer the template sends through
     */
    List<ProducerMetric> metrics(LegacyKafkaProducer producer);
}
