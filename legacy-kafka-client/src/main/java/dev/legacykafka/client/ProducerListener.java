package dev.legacykafka.client;

/**
 * Hears what brokers answer, for metrics and diagnostics. Every method has an empty default.
 *
 * <p>Methods run on the producer's network thread: keep them short and never block or send from
 * them. An exception thrown by a listener is logged and ignored.
 */
public interface ProducerListener {

    /**
     * A Produce response carried throttle_time_ms (v1+), zero included.
     *
     * @param broker          {@code host:port} of the broker
     * @param throttleTimeMs  the throttle time the broker returned
     */
    default void onThrottle(String broker, int throttleTimeMs) {
    }

    /** A Produce v8+ response named a record that made the broker reject its batch. */
    default void onRecordError(RecordError error) {
    }

    /**
     * A batch was acknowledged.
     *
     * @param records     records in the batch
     * @param sizeInBytes encoded size of the batch as sent
     */
    default void onBatchAcknowledged(String topic, int partition, int records, int sizeInBytes) {
    }

    /**
     * Records failed for good (after any retries).
     *
     * @param error a short cause: the broker's error name (e.g. MESSAGE_TOO_LARGE) or the exception's simple name
     */
    default void onRecordsFailed(String topic, int records, String error) {
    }

    /**
     * A batch goes again after a retriable failure: a broker error such as NOT_LEADER_OR_FOLLOWER or
     * OUT_OF_ORDER_SEQUENCE_NUMBER, a lost connection, or a request without an answer in time.
     *
     * @param records the records of the batch
     * @param attempt how many times the batch has been sent so far
     * @param error   a short cause: the broker's error name or the exception's simple name
     */
    default void onBatchRetried(String topic, int partition, int records, int attempt, String error) {
    }

    /**
     * A Produce request was answered (or, with acks=0, written).
     *
     * @param latencyNanos from the request being queued on the connection to its response
     */
    default void onProduceRequestCompleted(String broker, int produceVersion, long latencyNanos) {
    }

    /**
     * A connection finished its ApiVersions handshake and this Produce version and record
     * format will be used for it.
     *
     * @param produceVersion the ProduceRequest version used with this broker
     * @param magic          the record format: 0 or 1 (MessageSet) or 2 (RecordBatch)
     */
    default void onProduceVersionSelected(String broker, int produceVersion, int magic) {
    }
}
