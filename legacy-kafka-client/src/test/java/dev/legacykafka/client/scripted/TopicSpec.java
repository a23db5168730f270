package dev.legacykafka.client.scripted;

import java.util.List;

/**
 * A topic of the scripted cluster.
 *
 * @param name            topic name
 * @param partitions      partition count
 * @param compacted       cleanup.policy=compact: records without a key are rejected (INVALID_RECORD)
 * @param maxMessageBytes max.message.bytes: a bigger batch gets MESSAGE_TOO_LARGE
 * @param leaders         leader node of each partition; empty to spread partitions over the nodes
 */
public record TopicSpec(String name, int partitions, boolean compacted, int maxMessageBytes, List<Integer> leaders) {

    public TopicSpec {
        leaders = List.copyOf(leaders);
        if (!leaders.isEmpty() && leaders.size() != partitions) {
            throw new IllegalArgumentException("leaders must name one node per partition");
        }
    }

    /** A plain topic (delete policy, 1 MiB max message) with partitions spread over the nodes. */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, false, 1024 * 1024, List.of());
    }

    /** This topic with cleanup.policy=compact. */
    public TopicSpec asCompacted() {
        return new TopicSpec(name, partitions, true, maxMessageBytes, leaders);
    }

    public TopicSpec maxMessageBytes(int bytes) {
        return new TopicSpec(name, partitions, compacted, bytes, leaders);
    }

    /** Leader of each partition, by partition index. */
    public TopicSpec leaders(Integer... nodeIds) {
        return new TopicSpec(name, partitions, compacted, maxMessageBytes, List.of(nodeIds));
    }
}
