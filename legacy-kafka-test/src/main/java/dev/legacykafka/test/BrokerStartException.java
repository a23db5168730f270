package dev.legacykafka.test;

/** Thrown when a broker or its ZooKeeper does not come up; the message ends with their log tails. */
public class BrokerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, followed by the log tails
     * @param cause the underlying error, may be null
     */
    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
