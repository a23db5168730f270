package dev.legacykafka.client.internals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Partitions that got a record of the open transaction but were not yet sent to the coordinator in
 * AddPartitionsToTxn. Application threads add; the network thread takes.
 *
 * <p>{@link #takeAll()} removes partitions one at a time. A copy followed by a clear would drop a
 * partition added between the two, and that partition's batches would wait, unsendable, until they
 * expired.
 */
final class PartitionsToAdd {

    private final Set<TopicPartition> pending = ConcurrentHashMap.newKeySet();

    void add(TopicPartition tp) {
        pending.add(tp);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Removes and returns what is pending now; a partition added meanwhile is either returned or kept. */
    List<TopicPartition> takeAll() {
        List<TopicPartition> taken = new ArrayList<>();
        for (TopicPartition tp : pending) {
            if (pending.remove(tp)) {
                taken.add(tp);
            }
        }
        return taken;
    }

    /** Forgets what is pending (the transaction ended). */
    void clear() {
        pending.clear();
    }
}
