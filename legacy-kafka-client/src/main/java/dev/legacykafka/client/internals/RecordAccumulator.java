package dev.legacykafka.client.internals;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.client.network.NetworkClient;
import dev.legacykafka.client.record.LegacyMessageSetBuilder;
import dev.legacykafka.client.record.RecordBatchBuilder;
import dev.legacykafka.client.record.RecordsBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Batches per partition, bounded by the buffer memory. Sending threads append records; the
 * network thread asks which leaders have batches worth sending ({@link #ready}), takes them
 * ({@link #drain}), and puts failed ones back at the front for a retry ({@link #reenqueue}).
 *
 * <p>Order per partition: without idempotence, a partition has at most one batch in flight, so a
 * retry can never overtake or be overtaken. With idempotence, up to max in-flight batches of a
 * partition travel at once, their sequence numbers keeping them in order at the broker; a batch
 * coming back for a retry goes alone, in sequence order, until the partition has caught up.
 */
final class RecordAccumulator {

    /**
     * The result of an append: whether it started a new batch because the partition's open batch was
     * full (then the full one is ready to go and the network thread should look now, and a sticky
     * partitioner moves on). A new batch also wakes the network thread, which may be sleeping
     * longer than the linger. Three constants, so that an append allocates no result.
     */
    enum AppendResult {
        APPENDED(false, false), NEW_BATCH(false, true), FILLED_AND_NEW_BATCH(true, true),
        /** The open batch is full and the caller allowed a refusal: nothing was appended. */
        FILLED_NOT_APPENDED(true, false);

        private final boolean filledABatch;
        private final boolean newBatch;

        AppendResult(boolean filledABatch, boolean newBatch) {
            this.filledABatch = filledABatch;
            this.newBatch = newBatch;
        }

        boolean filledABatch() {
            return filledABatch;
        }

        boolean newBatch() {
            return newBatch;
        }
    }

    /** How many magic-2 batches of a partition may be in flight at once to its leader. */
    @FunctionalInterface
    interface PipelineLimit {
        int of(TopicPartition tp, int leader);
    }

    /** Whether a partition may send its first queued batch now (a transaction, an epoch change). */
    @FunctionalInterface
    interface SendGate {
        boolean allows(TopicPartition tp, ProducerBatch first);
    }

    /** Leaders with batches to send now, and when to check again. */
    record ReadyCheck(Set<Integer> readyNodes, long nextCheckDelayMs, boolean unknownLeaders) {
    }

    private static final class PartitionQueue {
        final TopicPartition tp;
        final ArrayDeque<ProducerBatch> batches = new ArrayDeque<>();
        int inFlight;

        PartitionQueue(TopicPartition tp) {
            this.tp = tp;
        }

        /** Whether the first queued batch may be sent now, given what is in flight. */
        boolean canSend(ProducerBatch first, int pipelineLimit) {
            if (first.isRetry()) {
                return inFlight == 0;
            }
            return inFlight < (first.magic() == 2 ? pipelineLimit : 1);
        }
    }

    private final int batchSize;
    private final CompressionType compression;
    private final long lingerMs;
    private final BufferPool pool;
    private final boolean transactional;
    private final ConcurrentMap<TopicPartition, PartitionQueue> queues = new ConcurrentHashMap<>();
    private final Set<ProducerBatch> incomplete = ConcurrentHashMap.newKeySet();
    /**
     * The queue appended to last, so that appends to one partition in a row (sticky partitioning, a
     * batch at a time) skip the map look-up. A plain field on purpose: a racing reader sees null, a
     * stale queue or the latest one, each fully built (its key and deque are final fields), and
     * only uses it after checking the key and taking its lock; a volatile write on every switch of
     * partition would cost keyed sends more than the look-up saves.
     */
    private PartitionQueue lastAppended;
    private final AtomicInteger flushesInProgress = new AtomicInteger();
    private volatile boolean closed;

    RecordAccumulator(int batchSize, CompressionType compression, long lingerMs, BufferPool pool, boolean transactional) {
        this.transactional = transactional;
        this.batchSize = batchSize;
        this.compression = compression;
        this.lingerMs = lingerMs;
        this.pool = pool;
    }

    /**
     * Encodes a record into the partition's open batch, or a new one.
     *
     * @param magic         the record format the partition's leader takes
     * @param outcome       where the record's outcome goes ({@link ProducerBatch#tryAppend})
     * @param startNanos    {@link System#nanoTime()} from which max block counts, or
     *                      {@link ProducerRuntime#CLOCK_NOT_READ} to count it from when buffer memory is
     *                      needed; the clock is read only when a new batch is needed, not per record
     * @param maxBlockMs    how long to wait for buffer memory, from {@code startNanos}
     * @param refuseIfFull  return {@link AppendResult#FILLED_NOT_APPENDED} rather than start a batch behind a
     *                      full one (the caller sends the record to another partition)
     * @throws ProducerClosedException if the producer is closing
     * @throws dev.legacykafka.client.errors.TimeoutException if buffer memory stayed full for max block
     */
    AppendResult append(TopicPartition tp, byte magic, long timestamp, byte[] key, byte[] value, Header[] headers,
                        Object outcome, int recordBatchSize, long startNanos, long maxBlockMs, boolean refuseIfFull)
            throws InterruptedException {
        // No count of appends under way: close and flush need none. A record is counted (incomplete)
        // from the moment its batch is queued, under the queue's lock; an append that has not queued
        // its record when the network thread stops finds the accumulator closed under that lock, or
        // its batch is taken and failed by the final drain (which takes the same lock).
        PartitionQueue queue = queueOf(tp);
        synchronized (queue) {
            ensureOpen();
            if (tryAppend(queue, magic, timestamp, key, value, headers, outcome)) {
                return AppendResult.APPENDED;
            }
            if (refuseIfFull && !queue.batches.isEmpty()) {
                return AppendResult.FILLED_NOT_APPENDED;
            }
        }
        int size = Math.max(batchSize, recordBatchSize);
        long waitedMs = startNanos == ProducerRuntime.CLOCK_NOT_READ ? 0 : (System.nanoTime() - startNanos) / 1_000_000L;
        ByteBuffer buffer = pool.allocate(size, Math.max(0, maxBlockMs - waitedMs));
        boolean bufferUsed = false;
        try {
            synchronized (queue) {
                ensureOpen();
                if (tryAppend(queue, magic, timestamp, key, value, headers, outcome)) {
                    return AppendResult.APPENDED;
                }
                boolean filledABatch = !queue.batches.isEmpty();
                ProducerBatch batch = new ProducerBatch(tp, newBuilder(magic, buffer), buffer, NetworkClient.nowMs(),
                        expectedRecords(batchSize, recordBatchSize));
                if (!batch.tryAppend(timestamp, key, value, headers, outcome)) {
                    // Cannot happen: the buffer holds the record alone (its size was checked).
                    throw new IllegalStateException("A record of " + recordBatchSize + " bytes did not fit a new batch");
                }
                queue.batches.addLast(batch);
                track(batch);
                bufferUsed = true;
                return filledABatch ? AppendResult.FILLED_AND_NEW_BATCH : AppendResult.NEW_BATCH;
            }
        } finally {
            if (!bufferUsed) {
                pool.deallocate(buffer);
            }
        }
    }

    private PartitionQueue queueOf(TopicPartition tp) {
        PartitionQueue queue = lastAppended;
        if (queue == null || !queue.tp.equals(tp)) {
            queue = queues.computeIfAbsent(tp, PartitionQueue::new);
            lastAppended = queue;
        }
        return queue;
    }

    /**
     * How many records like this one a batch will likely hold, to size its outcome list once. The
     * later records of a batch take a byte or two more than the first one alone (longer offset and
     * timestamp deltas), so the plain estimate is about right; an eighth more keeps the list from
     * ever growing (a grow copies the list and showed as 8 % of the sending thread's samples when it
     * happened once per 64 KiB batch of 100-byte records).
     */
    static int expectedRecords(int batchSize, int recordBatchSize) {
        int estimate = batchSize / Math.max(1, recordBatchSize - RecordBatchBuilder.RECORD_BATCH_OVERHEAD);
        return Math.max(1, Math.min(4096, estimate + estimate / 8 + 1));
    }

    private RecordsBuilder newBuilder(byte magic, ByteBuffer buffer) {
        return magic == 2
                ? new RecordBatchBuilder(compression, transactional, buffer, batchSize)
                : new LegacyMessageSetBuilder(magic, compression, buffer, batchSize);
    }

    private static boolean tryAppend(PartitionQueue queue, byte magic, long timestamp, byte[] key, byte[] value,
                                     Header[] headers, Object outcome) {
        ProducerBatch last = queue.batches.peekLast();
        if (last == null || last.isFull()) {
            return false;
        }
        if (last.magic() != magic) {
            // The leader's format changed: the open batch goes as it is, new records start a new one.
            last.closeForAppends();
            return false;
        }
        return last.tryAppend(timestamp, key, value, headers, outcome);
    }

    private void ensureOpen() {
        if (closed) {
            throw new ProducerClosedException("Producer is closed; the record was not sent");
        }
    }

    /** Which leaders have a batch to send now (full, lingered long enough, retry backoff over, flush or close). */
    ReadyCheck ready(ClusterMetadata metadata, PipelineLimit pipelineLimit, SendGate sendAllowed,
                     long nowMs) {
        Set<Integer> readyNodes = new HashSet<>();
        long nextCheckDelayMs = Long.MAX_VALUE;
        boolean unknownLeaders = false;
        boolean exhausted = pool.hasWaiters();
        boolean urgent = closed || flushesInProgress.get() > 0 || exhausted;
        for (Map.Entry<TopicPartition, PartitionQueue> entry : queues.entrySet()) {
            PartitionQueue queue = entry.getValue();
            synchronized (queue) {
                ProducerBatch first = queue.batches.peekFirst();
                if (first == null || !sendAllowed.allows(entry.getKey(), first)) {
                    continue;
                }
                int leader = leaderOf(metadata, entry.getKey());
                if (leader < 0) {
                    unknownLeaders = true;
                    continue;
                }
                if (!queue.canSend(first, pipelineLimit.of(entry.getKey(), leader))) {
                    continue;
                }
                if (readyNodes.contains(leader)) {
                    continue;
                }
                if (first.isRetry() && first.retryNotBeforeMs() > nowMs) {
                    nextCheckDelayMs = Math.min(nextCheckDelayMs, first.retryNotBeforeMs() - nowMs);
                    continue;
                }
                boolean full = queue.batches.size() > 1 || first.isFull();
                long waitedMs = nowMs - first.createdMs;
                if (full || urgent || first.isRetry() || waitedMs >= lingerMs) {
                    readyNodes.add(leader);
                } else {
                    nextCheckDelayMs = Math.min(nextCheckDelayMs, lingerMs - waitedMs);
                }
            }
        }
        return new ReadyCheck(readyNodes, nextCheckDelayMs, unknownLeaders);
    }

    /**
     * Takes at most one batch per partition led by each node, up to {@code maxRequestSize} per node.
     *
     * @param pipelineLimit how many magic-2 batches of one partition may be in flight, by leader
     *                      (1 without idempotence, or where the leader keeps the state of one batch only)
     */
    Map<Integer, List<ProducerBatch>> drain(ClusterMetadata metadata, Set<Integer> nodes, int maxRequestSize,
                                            PipelineLimit pipelineLimit, SendGate sendAllowed,
                                            long nowMs) {
        Map<Integer, List<ProducerBatch>> drained = new HashMap<>();
        Map<Integer, Integer> sizes = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionQueue> entry : queues.entrySet()) {
            int leader = leaderOf(metadata, entry.getKey());
            if (leader < 0 || !nodes.contains(leader)) {
                continue;
            }
            PartitionQueue queue = entry.getValue();
            synchronized (queue) {
                ProducerBatch first = queue.batches.peekFirst();
                if (first == null || !sendAllowed.allows(entry.getKey(), first)
                        || !queue.canSend(first, pipelineLimit.of(entry.getKey(), leader))
                        || (first.isRetry() && first.retryNotBeforeMs() > nowMs)) {
                    continue;
                }
                List<ProducerBatch> forNode = drained.computeIfAbsent(leader, k -> new ArrayList<>());
                int size = sizes.getOrDefault(leader, 0);
                if (!forNode.isEmpty() && size + first.estimatedSizeInBytes() > maxRequestSize) {
                    continue;
                }
                queue.batches.pollFirst();
                first.closeForAppends();
                first.markInFlight(true);
                queue.inFlight++;
                forNode.add(first);
                sizes.put(leader, size + first.estimatedSizeInBytes());
            }
        }
        drained.values().removeIf(List::isEmpty);
        return drained;
    }

    /**
     * Puts batches that replace one batch (its re-encoded parts) at the front of their partition,
     * in order, among the retries as {@link #reenqueue} places them.
     */
    void reenqueueParts(TopicPartition tp, List<ProducerBatch> parts) {
        PartitionQueue queue = queues.computeIfAbsent(tp, PartitionQueue::new);
        synchronized (queue) {
            for (int i = parts.size() - 1; i >= 0; i--) {
                insertForRetry(queue, parts.get(i));
                track(parts.get(i));
            }
        }
    }

    /**
     * Puts a batch back for another attempt: at the front of its partition, behind retries with
     * lower sequence numbers, so retried batches go out in sequence order.
     */
    void reenqueue(ProducerBatch batch) {
        PartitionQueue queue = queues.computeIfAbsent(batch.topicPartition, PartitionQueue::new);
        synchronized (queue) {
            leaveFlight(queue, batch);
            insertForRetry(queue, batch);
        }
    }

    private static void insertForRetry(PartitionQueue queue, ProducerBatch batch) {
        if (batch.baseSequence() < 0) {
            queue.batches.addFirst(batch);
            return;
        }
        ArrayDeque<ProducerBatch> ahead = new ArrayDeque<>();
        while (!queue.batches.isEmpty() && queue.batches.peekFirst().isRetry()
                && queue.batches.peekFirst().baseSequence() >= 0
                && queue.batches.peekFirst().sequenceGeneration() == batch.sequenceGeneration()
                && PartitionSequences.isBefore(queue.batches.peekFirst().baseSequence(), batch.baseSequence())) {
            ahead.addLast(queue.batches.pollFirst());
        }
        queue.batches.addFirst(batch);
        while (!ahead.isEmpty()) {
            queue.batches.addFirst(ahead.pollLast());
        }
    }

    /** A batch left the network for good (completed, failed or replaced): its partition may send again. */
    void doneInFlight(ProducerBatch batch) {
        PartitionQueue queue = queues.get(batch.topicPartition);
        if (queue != null) {
            synchronized (queue) {
                leaveFlight(queue, batch);
            }
        }
    }

    private static void leaveFlight(PartitionQueue queue, ProducerBatch batch) {
        if (batch.isInFlight()) {
            batch.markInFlight(false);
            queue.inFlight--;
        }
    }

    /** Counts a batch as incomplete (for flush and close) until its records have their outcome. */
    private void track(ProducerBatch batch) {
        incomplete.add(batch);
        batch.completion().whenComplete((ignored, error) -> incomplete.remove(batch));
    }

    /** Returns a batch's memory once the network is done with it (its futures may complete later). */
    void deallocate(ProducerBatch batch) {
        ByteBuffer buffer = batch.takePooledBuffer();
        if (buffer != null) {
            pool.deallocate(buffer);
        }
    }

    /** Removes and returns queued (not in flight) batches older than the delivery timeout. */
    List<ProducerBatch> expiredBatches(long deliveryTimeoutMs, long nowMs) {
        List<ProducerBatch> expired = new ArrayList<>();
        for (PartitionQueue queue : queues.values()) {
            synchronized (queue) {
                while (!queue.batches.isEmpty() && nowMs - queue.batches.peekFirst().createdMs >= deliveryTimeoutMs) {
                    ProducerBatch batch = queue.batches.pollFirst();
                    batch.closeForAppends();
                    expired.add(batch);
                }
            }
        }
        return expired;
    }

    /** Removes every queued batch (for close without waiting, or a fatal error). */
    List<ProducerBatch> drainAllQueued() {
        List<ProducerBatch> all = new ArrayList<>();
        for (PartitionQueue queue : queues.values()) {
            synchronized (queue) {
                for (ProducerBatch batch : queue.batches) {
                    batch.closeForAppends();
                    all.add(batch);
                }
                queue.batches.clear();
            }
        }
        return all;
    }


    /** Fails every batch without an outcome, queued or in flight (a close that could not wait longer). */
    void failIncomplete(RuntimeException cause) {
        drainAllQueued();
        for (ProducerBatch batch : new ArrayList<>(incomplete)) {
            batch.fail(cause);
        }
    }

    /** Whether any batch has not completed yet (queued or in flight). */
    boolean hasIncomplete() {
        return !incomplete.isEmpty();
    }

    /** Snapshot of the incomplete batches' futures, for flush. */
    List<CompletableFuture<?>> incompleteFutures() {
        List<CompletableFuture<?>> futures = new ArrayList<>();
        for (ProducerBatch batch : incomplete) {
            futures.add(batch.completion());
        }
        return futures;
    }

    void beginFlush() {
        flushesInProgress.incrementAndGet();
    }

    void endFlush() {
        flushesInProgress.decrementAndGet();
    }

    /** Refuses further appends; queued batches are sent at once rather than after linger. */
    void close() {
        closed = true;
    }


    private static int leaderOf(ClusterMetadata metadata, TopicPartition tp) {
        ClusterMetadata.TopicInfo info = metadata.topic(tp.topic());
        if (info == null || tp.partition() >= info.partitionCount()) {
            return -1;
        }
        return info.partitions().get(tp.partition()).leaderId();
    }
}
