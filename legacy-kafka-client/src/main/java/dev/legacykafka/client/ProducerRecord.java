package dev.legacykafka.client;

import java.util.List;
import java.util.Objects;

/**
 * A record to send: topic, optional partition, optional key and value bytes, optional
 * timestamp (epoch millis; the send time when null) and headers.
 *
 * @param topic     target topic, not null or empty
 * @param partition explicit partition, or null to let the partitioner choose
 * @param key       key bytes, may be null
 * @param value     value bytes, may be null (a tombstone on compacted topics)
 * @param timestamp CreateTime in epoch millis, or null for the time of the send
 * @param headers   headers, never null (empty when none); need Produce v3+
 */
public record ProducerRecord(String topic, Integer partition, byte[] key, byte[] value, Long timestamp,
                             List<Header> headers) {

    public ProducerRecord {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0, was " + timestamp);
        }
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A record with a key and a value, partition chosen by the partitioner. */
    public static ProducerRecord of(String topic, byte[] key, byte[] value) {
        return new ProducerRecord(topic, null, key, value, null, List.of());
    }

    /** A record with a value only. */
    public static ProducerRecord of(String topic, byte[] value) {
        return new ProducerRecord(topic, null, null, value, null, List.of());
    }

    /** This record with the given headers. */
    public ProducerRecord withHeaders(List<Header> newHeaders) {
        return new ProducerRecord(topic, partition, key, value, timestamp, newHeaders);
    }

    /** This record sent to the given partition. */
    public ProducerRecord withPartition(int newPartition) {
        return new ProducerRecord(topic, newPartition, key, value, timestamp, headers);
    }

    /** This record with the given CreateTime. */
    public ProducerRecord withTimestamp(long newTimestamp) {
        return new ProducerRecord(topic, partition, key, value, newTimestamp, headers);
    }

    @Override
    public String toString() {
        return "ProducerRecord[topic=" + topic + ", partition=" + partition
                + ", key=" + (key == null ? "null" : key.length + " bytes")
                + ", value=" + (value == null ? "null" : value.length + " bytes")
                + ", timestamp=" + timestamp + ", headers=" + headers.size() + "]";
    }
}
