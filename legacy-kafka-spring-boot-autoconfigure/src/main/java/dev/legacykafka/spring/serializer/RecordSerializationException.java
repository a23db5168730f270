package dev.legacykafka.spring.serializer;

import dev.legacykafka.client.errors.LegacyKafkaException;

/** A key or value could not be turned into bytes; the record was not sent. */
public class RecordSerializationException extends LegacyKafkaException {

    private static final long serialVersionUID = 1L;

    public RecordSerializationException(String message) {
        super(message);
    }

    public RecordSerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
