package dev.legacykafka.client.compress;

/**
 * Thrown when a compression codec is asked for whose optional library is not on the classpath,
 * or is present but cannot run (for example its native library fails to load). The message names
 * the artifact to add.
 */
public class CompressionUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the missing artifact. */
    public CompressionUnavailableException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the failure that made the codec unusable. */
    public CompressionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
