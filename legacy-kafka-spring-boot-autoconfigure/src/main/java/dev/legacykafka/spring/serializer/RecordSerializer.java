package dev.legacykafka.spring.serializer;

import org.jspecify.annotations.Nullable;

/**
 * Turns a record's key or value into the bytes {@code LegacyKafkaTemplate} sends.
 *
 * @param <T> the type it serializes
 */
@FunctionalInterface
public interface RecordSerializer<T> {

    /**
     * Serializes one key or value.
     *
     * @param topic the record's topic
     * @param data  the key or value; null stays null (a null key, or a tombstone value)
     * @return the bytes to send, or null
     * @throws RecordSerializationException if the data cannot be serialized
     */
    byte @Nullable [] serialize(String topic, @Nullable T data);
}
