package dev.legacykafka.client.errors;

/**
 * Something did not happen in time: a request got no response within the request timeout, a
 * record was not acknowledged within the delivery timeout, or a send could not get buffer
 * space or metadata within the max block time. The message says which bound was hit.
 */
public class TimeoutException extends LegacyKafkaException {

    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    public TimeoutException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public TimeoutException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    @Override
    public boolean isRetriable() {
        return retriable;
    }
}
