package dev.legacykafka.client.partition;

/**
 * Chooses the partition of a record from its topic and key.
 *
 * <p>Implementations are thread-safe: application threads call them concurrently.
 */
public interface Partitioner {

    /**
     * Returns the partition for a record.
     *
     * @param topic         the record's topic
     * @param key           the serialized key, or null
     * @param numPartitions the topic's partition count from metadata, at least 1
     * @return a partition in {@code [0, numPartitions)}
     */
    int partition(String topic, byte[] key, int numPartitions);

    /**
     * Tells the partitioner that the batch of {@code previousPartition} for {@code topic} is full (or
     * was sent) and a new batch is about to start, so a sticky strategy can move on. The default
     * does nothing.
     */
    default void onNewBatch(String topic, int previousPartition) {
    }

    static void requirePartitions(int numPartitions) {
        if (numPartitions <= 0) {
            throw new IllegalArgumentException("numPartitions must be positive, was " + numPartitions);
        }
    }
}
