package dev.legacykafka.client.errors;

/** Base class of every exception the legacy-kafka client raises or completes a send with. */
public class LegacyKafkaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LegacyKafkaException(String message) {
        super(message);
    }

    public LegacyKafkaException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether sending the same records again may succeed. The producer retries these itself
     * until the delivery timeout; a send that still fails with one reports the last cause.
     */
    public boolean isRetriable() {
        return false;
    }
}
