package dev.legacykafka.client.errors;

/** A record is larger than max request size or buffer memory allows; it was not sent. */
public class RecordTooLargeException extends LegacyKafkaException {

    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(String message) {
        super(message);
    }
}
