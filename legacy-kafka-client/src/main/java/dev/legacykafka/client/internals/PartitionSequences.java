package dev.legacykafka.client.internals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequence numbers per partition for one producer id and epoch, kept in step with what the broker
 * expects whatever happens to a batch after it got its numbers. Network thread only.
 *
 * <p>The broker appends a batch of a producer only if its first sequence follows the last one it
 * wrote; it answers a copy of one of its last five batches as a duplicate, anything else as out of
 * order. So per partition this keeps the next sequence to hand out, the last one acknowledged, and
 * the batches holding sequences that have no outcome yet, in sequence order. The rules:
 * <ul>
 *   <li><b>Acknowledged</b> (or a duplicate): the batch leaves; the last acknowledged moves on.</li>
 *   <li><b>Rejected whole and re-encoded</b> (record errors, too large and split): the broker did
 *   not write it, so its parts take its place and its first sequence; the sequences of the records
 *   that left (failed ones) are given back: every later batch and the next sequence move down by
 *   their count. Later batches already sent with the old numbers come back out of order, which
 *   {@link #isOutOfOrderExplained} explains, and go again with the new ones.</li>
 *   <li><b>Failed for good, surely not written</b> (the broker refused it, every earlier attempt
 *   was refused too): its sequences are given back the same way.</li>
 *   <li><b>Failed for good, maybe written</b> (expired or given up after an attempt without an
 *   answer): nothing moves. If the broker did write it, the next batch follows it; if not, the next
 *   batch is answered out of order with no earlier batch to blame, and the producer gets a new epoch
 *   (see {@link IdempotenceManager#requestEpochBump}), which restarts every partition at 0.</li>
 *   <li><b>Out of order</b>: explained, and retried, when an earlier batch of the partition has no
 *   outcome yet or the batch was renumbered since it was sent; unexplained otherwise (the broker
 *   and this book disagree: a new epoch).</li>
 * </ul>
 * This is Kafka's own producer's choice for transactional producers (renumbering after a batch
 * that surely failed); for a batch whose outcome is unknown it bumps the epoch, as we do, rather
 * than guessing.
 */
final class PartitionSequences {

    private static final class Track {
        int next;
        int lastAcked = -1;
        /** Batches holding sequences of this partition with no outcome yet, in sequence order. */
        final List<ProducerBatch> pending = new ArrayList<>(8);
    }

    private final Map<TopicPartition, Track> tracks = new HashMap<>();

    /** Gives a batch the partition's next {@code recordCount} sequences and returns the first. */
    int assign(ProducerBatch batch) {
        Track track = track(batch.topicPartition);
        int base = track.next;
        track.next = add(base, batch.recordCount());
        track.pending.add(batch);
        return base;
    }

    /**
     * A batch was acknowledged (or answered as a duplicate of one that was).
     *
     * @return false if the broker accepted numbers this book had already moved, or this batch ahead
     *         of earlier ones without an outcome (which are then marked overtaken): the two disagree,
     *         and the producer should start a new epoch
     */
    boolean acknowledged(ProducerBatch batch) {
        Track track = tracks.get(batch.topicPartition);
        int index = track == null ? -1 : track.pending.indexOf(batch);
        if (index < 0) {
            return true; // numbered in an earlier epoch: nothing here to move
        }
        // Earlier batches without an outcome were overtaken: these records are in the log ahead of them,
        // which only a broker that lost the producer's state allows, so the book and the broker disagree.
        for (int i = 0; i < index; i++) {
            track.pending.get(i).markOvertaken();
        }
        track.pending.remove(index);
        track.lastAcked = add(batch.sentBaseSequence(), batch.recordCount() - 1);
        return index == 0 && !batch.isStampStale();
    }

    /**
     * Whether an OUT_OF_ORDER_SEQUENCE_NUMBER answer for {@code batch} is expected: an earlier
     * batch of the partition has no outcome yet (it fills the gap when it is retried), or the batch
     * went out with numbers that have moved since.
     */
    boolean isOutOfOrderExplained(ProducerBatch batch) {
        if (batch.isStampStale()) {
            return true;
        }
        Track track = tracks.get(batch.topicPartition);
        if (track == null) {
            return true; // numbered in an earlier epoch; it gets new numbers when sent again
        }
        // Not pending: it left the book (a new epoch); it gets new numbers when sent again.
        return track.pending.indexOf(batch) != 0;
    }

    /**
     * The broker refused {@code source} as a whole and it was re-encoded into {@code parts} (fewer
     * records, or the same in smaller batches): the parts take its place and its first sequence,
     * and the sequences of the records that left are given back.
     */
    void replaced(ProducerBatch source, List<ProducerBatch> parts) {
        Track track = tracks.get(source.topicPartition);
        int index = track == null ? -1 : track.pending.indexOf(source);
        if (index < 0) {
            return; // not numbered in this epoch: the parts get numbers when sent
        }
        track.pending.remove(index);
        int sequence = source.baseSequence();
        int kept = 0;
        for (ProducerBatch part : parts) {
            part.inheritSequence(source, sequence);
            sequence = add(sequence, part.recordCount());
            kept += part.recordCount();
        }
        track.pending.addAll(index, parts);
        giveBack(track, index + parts.size(), source.recordCount() - kept);
    }

    /**
     * A batch failed for good. If the broker surely did not write it, its sequences are given back;
     * if it may have, nothing moves (see the class comment).
     */
    void failed(ProducerBatch batch, boolean mayHaveBeenWritten) {
        Track track = tracks.get(batch.topicPartition);
        int index = track == null ? -1 : track.pending.indexOf(batch);
        if (index < 0) {
            return;
        }
        track.pending.remove(index);
        if (!mayHaveBeenWritten) {
            giveBack(track, index, batch.recordCount());
        }
    }

    /**
     * The broker refused a partition's first batch without a reason this book knows: nothing of the
     * partition still pending was written (it would have to follow that batch, which the broker
     * would have answered as a duplicate had it been written), so no batch of it is unresolved.
     */
    void refusedFromFirstPending(TopicPartition tp) {
        Track track = tracks.get(tp);
        if (track != null) {
            track.pending.forEach(ProducerBatch::markNotWritten);
        }
    }

    /**
     * Whether the broker acknowledged sequences after {@code batch}'s while the batch had no outcome:
     * records sent later are in the log ahead of it (a broker that lost the producer's state takes
     * any sequence), so no retry can put it back in send order.
     */
    boolean laterAcknowledged(ProducerBatch batch) {
        if (batch.isOvertaken()) {
            return true;
        }
        Track track = tracks.get(batch.topicPartition);
        return track != null && track.lastAcked >= 0 && track.pending.contains(batch)
                && isBefore(batch.baseSequence(), track.lastAcked);
    }

    /** Whether a batch of the partition without an outcome may have been written: only a retry can tell. */
    boolean hasUnresolved(TopicPartition tp) {
        Track track = tracks.get(tp);
        if (track != null) {
            for (ProducerBatch batch : track.pending) {
                if (batch.mayHaveBeenWritten()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether any partition has a batch that may have been written without the producer knowing. */
    boolean hasUnresolved() {
        for (TopicPartition tp : tracks.keySet()) {
            if (hasUnresolved(tp)) {
                return true;
            }
        }
        return false;
    }

    /** Forgets every partition: a new producer id or epoch starts them all at 0. */
    void reset() {
        tracks.clear();
    }

    /** The next sequence the partition hands out (tests and diagnostics). */
    int nextSequence(TopicPartition tp) {
        Track track = tracks.get(tp);
        return track == null ? 0 : track.next;
    }

    /** The last sequence the broker acknowledged for the partition, or -1. */
    int lastAcknowledged(TopicPartition tp) {
        Track track = tracks.get(tp);
        return track == null ? -1 : track.lastAcked;
    }

    /** How many batches of the partition hold sequences without an outcome. */
    int pendingCount(TopicPartition tp) {
        Track track = tracks.get(tp);
        return track == null ? 0 : track.pending.size();
    }

    /** Moves the batches from {@code fromIndex} on, and the next sequence, down by {@code count}. */
    private static void giveBack(Track track, int fromIndex, int count) {
        if (count == 0) {
            return;
        }
        for (int i = fromIndex; i < track.pending.size(); i++) {
            ProducerBatch later = track.pending.get(i);
            later.renumber(add(later.baseSequence(), -count));
        }
        track.next = add(track.next, -count);
    }

    private Track track(TopicPartition tp) {
        return tracks.computeIfAbsent(tp, k -> new Track());
    }

    /**
     * Whether sequence {@code a} comes before {@code b}, across the wrap to 0 after Integer.MAX_VALUE:
     * {@code b} is less than half the sequence space ahead of {@code a}.
     */
    static boolean isBefore(int a, int b) {
        int distance = (b - a) & Integer.MAX_VALUE;
        return distance != 0 && distance < (1 << 30);
    }

    /** Sequence arithmetic: the broker wraps sequences to 0 after Integer.MAX_VALUE. */
    static int add(int sequence, int delta) {
        long modulus = (long) Integer.MAX_VALUE + 1;
        return (int) Math.floorMod((long) sequence + delta, modulus);
    }
}
