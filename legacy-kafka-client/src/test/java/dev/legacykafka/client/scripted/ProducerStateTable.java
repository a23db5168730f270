package dev.legacykafka.client.scripted;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;

/**
 * One partition's idempotent producer state, modelled on the broker's: per producer id the
 * current epoch and the last five batches (first sequence, last sequence, base offset). It decides
 * whether a batch is appended, is a duplicate of a cached batch, or is refused.
 */
final class ProducerStateTable {

    /** Brokers keep this many batches per producer for duplicate detection. */
    static final int CACHED_BATCHES = 5;

    /** What to do with a batch. */
    sealed interface Verdict permits Append, Duplicate, Reject {
    }

    record Append() implements Verdict {
    }

    /** A retry of a batch already in the log at {@code baseOffset}. */
    record Duplicate(long baseOffset) implements Verdict {
    }

    record Reject(Errors error, String message) implements Verdict {
    }

    private record CachedBatch(int firstSeq, int lastSeq, long baseOffset) {
    }

    private static final class Entry {
        short epoch;
        final Deque<CachedBatch> batches = new ArrayDeque<>();

        int lastSeq() {
            return batches.isEmpty() ? -1 : batches.peekLast().lastSeq();
        }
    }

    private final Map<Long, Entry> entries = new HashMap<>();

    Verdict check(long producerId, short epoch, int firstSeq, int lastSeq, BrokerBehaviour behaviour) {
        Entry entry = entries.get(producerId);
        if (entry == null) {
            if (firstSeq == 0) {
                return new Append();
            }
            return switch (behaviour.unknownProducerReply()) {
                case UNKNOWN_PRODUCER_ID -> new Reject(Errors.UNKNOWN_PRODUCER_ID,
                        "Found no record of producerId=" + producerId + " on the broker");
                case OUT_OF_ORDER_SEQUENCE_NUMBER -> new Reject(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER,
                        "Invalid sequence number " + firstSeq + " for unknown producer " + producerId);
                case ACCEPT -> new Append();
            };
        }
        if (epoch < entry.epoch) {
            return new Reject(Errors.INVALID_PRODUCER_EPOCH, "Epoch " + epoch + " of producer " + producerId
                    + " is older than the current " + entry.epoch);
        }
        if (epoch > entry.epoch) {
            return firstSeq == 0 ? new Append() : new Reject(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER,
                    "Invalid sequence number " + firstSeq + " for new epoch " + epoch + " of producer " + producerId);
        }
        for (CachedBatch cached : entry.batches) {
            if (cached.firstSeq() == firstSeq && cached.lastSeq() == lastSeq) {
                return new Duplicate(cached.baseOffset());
            }
        }
        if (inSequence(entry.lastSeq(), firstSeq)) {
            return new Append();
        }
        return new Reject(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, "Out of order sequence number for producer "
                + producerId + ": " + firstSeq + " (incoming seq. number), " + entry.lastSeq() + " (current end sequence number)");
    }

    /** Records an appended batch. */
    void appended(long producerId, short epoch, int firstSeq, int lastSeq, long baseOffset) {
        Entry entry = entries.computeIfAbsent(producerId, id -> new Entry());
        if (entry.epoch != epoch) {
            entry.batches.clear();
            entry.epoch = epoch;
        }
        entry.batches.addLast(new CachedBatch(firstSeq, lastSeq, baseOffset));
        while (entry.batches.size() > CACHED_BATCHES) {
            entry.batches.removeFirst();
        }
    }

    /** Drops a producer's state, as retention or producer-id expiry would. */
    void forget(long producerId) {
        entries.remove(producerId);
    }

    void forgetAll() {
        entries.clear();
    }

    /** Sequences wrap from Integer.MAX_VALUE to 0. */
    static boolean inSequence(int lastSeq, int nextSeq) {
        return nextSeq == lastSeq + 1L || (lastSeq == Integer.MAX_VALUE && nextSeq == 0);
    }
}
