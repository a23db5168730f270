package dev.legacykafka.test.artifacts;

/** Thrown when a broker's jars cannot be downloaded or found. */
public class ArtifactResolutionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be resolved, from where
     * @param cause the resolver's error
     */
    public ArtifactResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
