package dev.legacykafka.spring;

import dev.legacykafka.client.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record for {@link LegacyKafkaTemplate#send(LegacyKafkaRecord)}, before its key and value are
 * serialized: topic, optional partition, key, value, timestamp and headers.
 *
 * <p>Headers need the RecordBatch format (Produce v3+, brokers 0.11+); a record with headers sent
 * to a broker that gets Produce v0-v2 fails with an exception naming the version, it is never
 * sent without them.
 *
 * @param topic     target topic
 * @param partition explicit partition, or null to let the partitioner choose
 * @param key       key, may be null
 * @param value     value, may be null (a tombstone on compacted topics)
 * @param timestamp CreateTime in epoch millis, or null for the time of the send
 * @param headers   headers in order, never null
 * @param <K>       key type
 * @param <V>       value type
 */
public record LegacyKafkaRecord<K, V>(String topic, @Nullable Integer partition, @Nullable K key, @Nullable V value,
                                      @Nullable Long timestamp, List<Header> headers) {

    public LegacyKafkaRecord {
        Objects.requireNonNull(topic, "topic");
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A record with a key and a value and no headers. */
    public static <K, V> LegacyKafkaRecord<K, V> of(String topic, @Nullable K key, @Nullable V value) {
        return new LegacyKafkaRecord<>(topic, null, key, value, null, List.of());
    }

    /** This record with one more header. */
    public LegacyKafkaRecord<K, V> withHeader(String headerKey, byte @Nullable [] headerValue) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(headerKey, headerValue));
        return new LegacyKafkaRecord<>(topic, partition, key, value, timestamp, more);
    }

    /** This record with one more header whose value is UTF-8 text. */
    public LegacyKafkaRecord<K, V> withHeader(String headerKey, @Nullable String headerValue) {
        return withHeader(headerKey, headerValue == null ? null : headerValue.getBytes(StandardCharsets.UTF_8));
    }

    /** This record sent to the given partition. */
    public LegacyKafkaRecord<K, V> withPartition(int newPartition) {
        return new LegacyKafkaRecord<>(topic, newPartition, key, value, timestamp, headers);
    }

    /** This record with the given CreateTime. */
    public LegacyKafkaRecord<K, V> withTimestamp(long newTimestamp) {
        return new LegacyKafkaRecord<>(topic, partition, key, value, newTimestamp, headers);
    }
}
