package dev.legacykafka.benchmarks;

/**
 * The run topics: created and counted through the null broker's command channel, or through a
 * {@link TopicAdmin} of the kafka-clients line that speaks to the real broker.
 */
final class Topics {

    private final TopicAdmin admin;
    /** The null broker whose topics these are, or null for a real broker. */
    private final NullBrokerProcess nullBroker;

    /** The topics of a real broker. */
    Topics(TopicAdmin admin) {
        this.admin = admin;
        this.nullBroker = null;
    }

    /** The topics of a null broker: created and counted through its command channel. */
    Topics(NullBrokerProcess nullBroker) {
        this.admin = null;
        this.nullBroker = nullBroker;
    }

    /** Creates the topic (replication factor 1) and waits until every partition has a leader. */
    void create(String topic, int partitions) throws InterruptedException {
        if (nullBroker != null) {
            nullBroker.createTopic(topic, partitions);
        } else {
            admin.create(topic, partitions);
        }
    }

    /** The sum of the log end offsets of the topic's partitions: how many records it holds. */
    long endOffsetSum(String topic, int partitions) throws InterruptedException {
        return nullBroker != null ? nullBroker.recordCount(topic) : admin.endOffsetSum(topic, partitions);
    }

    /**
     * Deletes a run's topic once it is counted, so that a run of 40 topics keeps neither gigabytes of
     * logs nor dirty pages that the kernel would write back during a later measured run. Best effort:
     * a broker that refuses leaves the topic, which changes no figure.
     */
    void deleteQuietly(String topic) throws InterruptedException {
        if (nullBroker != null) {
            return;
        }
        try {
            admin.delete(topic);
        } catch (RuntimeException e) {
            System.err.println("Topic " + topic + " not deleted (its log stays on the broker): " + e);
        }
    }
}
