package dev.legacykafka.spring;

import java.util.Map;
import java.util.Objects;

/**
 * One meter of a producer, as {@link LegacyKafkaTemplate#metrics()} reads it.
 *
 * @param name   the meter's name, such as {@code legacykafka.producer.records.sent}
 * @param tags   its tags, {@code client.id} among them
 * @param values its current values by statistic, in Micrometer's lower-case names: {@code value}
 *               for a gauge, {@code count} for a counter, {@code count}, {@code total_time} (seconds)
 *               and {@code max} for a timer
 */
public record ProducerMetric(String name, Map<String, String> tags, Map<String, Double> values) {

    public ProducerMetric {
        Objects.requireNonNull(name, "name");
        tags = Map.copyOf(tags);
        values = Map.copyOf(values);
    }
}
