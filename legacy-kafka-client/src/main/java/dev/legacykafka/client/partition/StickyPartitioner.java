package dev.legacykafka.client.partition;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ignores the key and sends every record of a topic to one randomly chosen partition until
 * {@link #onNewBatch} reports that partition's batch done, then picks another one at random
 * (different from the previous one when there are several), as Kafka's Java client does for
 * null keys (KIP-480): fuller batches, fewer requests. Used as the null-key strategy of
 * {@link Murmur2Partitioner}, or on its own.
 */
public final class StickyPartitioner implements Partitioner {

    /** The partition a topic sticks to, and the partition count it was chosen among. */
    private record Choice(String topic, int partition, int numPartitions) {
    }

    private final ConcurrentMap<String, Choice> choices = new ConcurrentHashMap<>();
    /**
     * The choice made or read last, so that sends to one topic need no map look-up (with the topic's
     * hash) per record. Written only inside the map's compute functions, which run one at a time per
     * topic, so it never goes back to an older choice of the topic than the map holds.
     */
    private volatile Choice last;

    @Override
    public int partition(String topic, byte[] key, int numPartitions) {
        Partitioner.requirePartitions(numPartitions);
        Choice choice = last;
        if (choice == null || !choice.topic.equals(topic)) {
            choice = choices.get(topic);
        }
        if (choice != null && choice.numPartitions == numPartitions) {
            return choice.partition;
        }
        // First use, or the partition count changed: keep the partition if it still exists.
        return choices.compute(topic, (t, old) -> {
            if (old != null && old.numPartitions == numPartitions) {
                return remember(old);
            }
            int partition = old != null && old.partition < numPartitions
                    ? old.partition
                    : ThreadLocalRandom.current().nextInt(numPartitions);
            return remember(new Choice(t, partition, numPartitions));
        }).partition;
    }

    @Override
    public void onNewBatch(String topic, int previousPartition) {
        // Only the first of several threads reporting the same full batch moves the topic on.
        choices.computeIfPresent(topic, (t, choice) -> remember(choice.partition != previousPartition
                ? choice
                : new Choice(t, another(previousPartition, choice.numPartitions), choice.numPartitions)));
    }

    private Choice remember(Choice choice) {
        last = choice;
        return choice;
    }

    private static int another(int previous, int numPartitions) {
        if (numPartitions == 1) {
            return 0;
        }
        int next = ThreadLocalRandom.current().nextInt(numPartitions - 1);
        return next >= previous ? next + 1 : next;
    }
}
