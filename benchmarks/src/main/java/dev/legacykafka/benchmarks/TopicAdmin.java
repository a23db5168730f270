package dev.legacykafka.benchmarks;

/**
 * Creates the run topics on a real broker and counts what landed in them. Public because a
 * kafka-clients line in its own class loader ({@link IsolatedKafkaClients}) implements it.
 */
public interface TopicAdmin {

    /**
     * Creates the topic (replication factor 1) and waits until every partition has a leader.
     *
     * @param topic      the topic
     * @param partitions its partition count
     * @throws InterruptedException if interrupted while waiting
     */
    void create(String topic, int partitions) throws InterruptedException;

    /**
     * The sum of the log end offsets of the topic's partitions: how many records it holds.
     *
     * @param topic      the topic
     * @param partitions its partition count
     * @return records in the topic
     * @throws InterruptedException if interrupted while waiting
     */
    long endOffsetSum(String topic, int partitions) throws InterruptedException;

    /**
     * Deletes the topic and waits for the broker to accept that.
     *
     * @param topic the topic
     * @throws InterruptedException if interrupted while waiting
     */
    void delete(String topic) throws InterruptedException;
}
