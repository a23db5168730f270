package dev.legacykafka.test.cluster;

import java.util.HashSet;
import java.util.List;

/**
 * A partition as one broker's metadata describes it.
 *
 * @param topic the topic
 * @param partition the partition number
 * @param leader the leader's broker id, -1 if it has none
 * @param replicas the assigned replicas, preferred leader first
 * @param isr the in-sync replicas
 */
public record PartitionState(String topic, int partition, int leader, List<Integer> replicas, List<Integer> isr) {

    /** Freezes the lists. */
    public PartitionState {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    /** True if the partition has a leader and every assigned replica is in sync. */
    public boolean hasFullIsr() {
        return leader >= 0 && !replicas.isEmpty() && new HashSet<>(isr).containsAll(replicas);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + " leader " + leader + " replicas " + replicas + " isr " + isr;
    }
}
