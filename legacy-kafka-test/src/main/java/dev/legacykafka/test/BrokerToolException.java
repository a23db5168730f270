package dev.legacykafka.test;

/** Thrown when a broker tool (topic or config command, or a tool run on request) fails or hangs. */
public class BrokerToolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, with the tool's output
     */
    public BrokerToolException(String message) {
        super(message);
    }
}
