package dev.legacykafka.client.errors;

/**
 * A broker answered with an error code for a partition (after any retries the producer made).
 * The message names the error, the partition and the broker's own error message when it sent one.
 */
public class BrokerErrorException extends LegacyKafkaException {

    private static final long serialVersionUID = 1L;

    private final int errorCode;
    private final String errorName;
    private final boolean retriable;
    private final String topic;
    private final int partition;
    private final String brokerMessage;

    public BrokerErrorException(int errorCode, String errorName, boolean retriable, String topic, int partition,
                                String brokerMessage) {
        super(errorName + " (" + errorCode + ") from the broker for " + topic + "-" + partition
                + (brokerMessage == null || brokerMessage.isEmpty() ? "" : ": " + brokerMessage));
        this.errorCode = errorCode;
        this.errorName = errorName;
        this.retriable = retriable;
        this.topic = topic;
        this.partition = partition;
        this.brokerMessage = brokerMessage;
    }

    protected BrokerErrorException(String message, int errorCode, String errorName, String topic, int partition,
                                   String brokerMessage) {
        super(message);
        this.errorCode = errorCode;
        this.errorName = errorName;
        this.retriable = false;
        this.topic = topic;
        this.partition = partition;
        this.brokerMessage = brokerMessage;
    }

    /** Kafka's numeric error code. */
    public int errorCode() {
        return errorCode;
    }

    /** Kafka's name of the error, e.g. NOT_LEADER_OR_FOLLOWER. */
    public String errorName() {
        return errorName;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    /** The broker's error_message (Produce v8+), or null. */
    public String brokerMessage() {
        return brokerMessage;
    }

    @Override
    public boolean isRetriable() {
        return retriable;
    }
}
