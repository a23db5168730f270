package dev.legacykafka.client.scripted;

/** Chooses the partition batches of Produce requests a fault applies to. */
@FunctionalInterface
public interface ProduceMatcher {

    boolean matches(ProduceEvent event);

    /** Every batch. */
    static ProduceMatcher any() {
        return event -> true;
    }

    /** Batches of the {@code n}th (1-based) Produce request the cluster receives. */
    static ProduceMatcher nthRequest(int n) {
        return event -> event.requestNumber() == n;
    }

    /** Batches for one partition. */
    static ProduceMatcher partition(String topic, int partition) {
        return event -> event.partition() == partition && event.topic().equals(topic);
    }

    /** The {@code n}th (1-based) batch the cluster receives for one partition, retries included. */
    static ProduceMatcher nthBatchOf(String topic, int partition, int n) {
        return event -> event.partitionRequestNumber() == n && event.partition() == partition && event.topic().equals(topic);
    }

    /** Batches sent to one node. */
    static ProduceMatcher node(int nodeId) {
        return event -> event.nodeId() == nodeId;
    }

    /** Batches whose first sequence is {@code baseSequence}. */
    static ProduceMatcher baseSequence(int baseSequence) {
        return event -> event.baseSequence() == baseSequence;
    }

    /** Batches that also match {@code other}. */
    default ProduceMatcher and(ProduceMatcher other) {
        return event -> matches(event) && other.matches(event);
    }
}
