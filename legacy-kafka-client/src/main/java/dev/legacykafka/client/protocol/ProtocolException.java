package dev.legacykafka.client.protocol;

/**
 * A frame or message that does not follow the Kafka wire protocol: a field cut short, an impossible
 * length, bytes left over after the last field, or a reply that does not match its request.
 *
 * <p>The message names what was being read, so a log line alone tells which field of which message
 * broke. The connection that produced such a frame can no longer be trusted to stay in step and
 * should be closed.
 */
public class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was being read and why it could not be
     */
    public ProtocolException(String message) {
        super(message);
    }

    /**
     * @param message what was being read and why it could not be
     * @param cause   the lower-level failure
     */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
