package dev.legacykafka.client.errors;

/** A connection to a broker could not be opened, or closed while requests were in flight. */
public class NetworkException extends LegacyKafkaException {

    private static final long serialVersionUID = 1L;

    public NetworkException(String message) {
        super(message);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
