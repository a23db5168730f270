package dev.legacykafka.client.errors;

/**
 * A broker's bytes did not parse: a truncated or oversized frame, trailing bytes, an impossible
 * length, or a response to a request that is not the oldest in flight. The connection it came on
 * is closed and every request in flight on it fails with this cause, so the stream can never
 * fall out of step.
 */
public class ProtocolException extends LegacyKafkaException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetriable() {
        // The records were sent on a connection that is now closed; a new one may well succeed.
        return true;
    }
}
