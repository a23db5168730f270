package dev.legacykafka.client.internals;

import dev.legacykafka.client.Header;
import dev.legacykafka.client.SendCallback;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.record.RecordBatchBuilder;
import dev.legacykafka.client.record.RecordsBuilder;
import dev.legacykafka.client.record.RecordsRebuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one partition that travel together in one Produce request, with where each
 * record's outcome goes: its future, the callback given to send, or nowhere (null). Records are
 * encoded as they are appended; the batch is sealed when it is drained for sending. Appends happen under the partition queue's lock; everything after sealing happens
 * on the network thread.
 */
final class ProducerBatch {

    private static final Logger log = LoggerFactory.getLogger(ProducerBatch.class);

    final TopicPartition topicPartition;
    final long createdMs;
    private final RecordsBuilder builder;
    private ByteBuffer pooledBuffer;
    /**
     * Per record, in batch order: a {@code CompletableFuture<SendResult>}, a {@link SendCallback}, or
     * null. One slot per record, so a callback send allocates no future and no dependent stage.
     */
    private final List<Object> outcomes;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private boolean closedForAppends;
    private ByteBuffer sealed;
    private int attempts;
    private long retryNotBeforeMs;
    private boolean completed;
    private long producerId = -1;
    private short producerEpoch = -1;
    private int baseSequence = -1;
    private int sequenceGeneration = -1;
    private boolean stampChanged;
    /** The base sequence and generation the last attempt carried on the wire. */
    private int sentBaseSequence = -1;
    private int sentGeneration = -1;
    /** Set once an attempt ended without an answer that proves the broker did not write the batch. */
    private boolean mayHaveBeenWritten;
    /** See {@link #markOvertaken}. */
    private boolean overtaken;
    private boolean inFlight;

    ProducerBatch(TopicPartition topicPartition, RecordsBuilder builder, ByteBuffer pooledBuffer, long createdMs,
                  int expectedRecords) {
        this.outcomes = new ArrayList<>(expectedRecords);
        this.topicPartition = topicPartition;
        this.builder = builder;
        this.pooledBuffer = pooledBuffer;
        this.createdMs = createdMs;
    }

    /**
     * Appends a record if it fits.
     *
     * @param outcome where the record's outcome goes: a {@code CompletableFuture<SendResult>}, a
     *                {@link SendCallback}, or null
     * @return false if the batch is full (then it takes no more records)
     */
    boolean tryAppend(long timestamp, byte[] key, byte[] value, Header[] headers, Object outcome) {
        if (closedForAppends || !builder.tryAppend(timestamp, key, value, headers)) {
            closedForAppends = true;
            return false;
        }
        outcomes.add(outcome);
        return true;
    }

    /**
     * A batch made of some records of {@code source}, re-encoded by the rebuilder; the records keep
     * their futures, the batch keeps the source's creation time (delivery timeout) and attempts.
     */
    static ProducerBatch fromPart(ProducerBatch source, RecordsRebuilder.Part part) {
        ProducerBatch batch = new ProducerBatch(source.topicPartition, part.builder(), null, source.createdMs,
                part.recordCount());
        for (int index : part.sourceIndexes()) {
            batch.outcomes.add(source.outcomes.get(index));
        }
        batch.closedForAppends = true;
        batch.attempts = source.attempts;
        batch.overtaken = source.overtaken;
        return batch;
    }

    /** The encoder holding this batch's records, for re-encoding them. */
    RecordsBuilder builder() {
        return builder;
    }

    /**
     * Fails the record at {@code index} alone (the broker rejected it, or it cannot be re-encoded);
     * the caller then replaces this batch by parts without that record, so it completes once.
     */
    void failRecord(int index, Throwable cause) {
        deliver(outcomes.get(index), null, cause);
    }

    /**
     * Hands this batch's records over to other batches: this batch is done once they all are, and
     * never completes a record itself.
     */
    synchronized void replaceBy(List<ProducerBatch> parts) {
        completed = true;
        CompletableFuture.allOf(parts.stream().map(ProducerBatch::completion).toArray(CompletableFuture[]::new))
                .whenComplete((ignored, error) -> completion.complete(null));
    }

    /** The record format of this batch: 0, 1 or 2. */
    byte magic() {
        return builder.magic();
    }

    int recordCount() {
        return outcomes.size();
    }

    int estimatedSizeInBytes() {
        return builder.estimatedSizeInBytes();
    }

    /** Whether the batch takes no more records (full, or sealed). */
    boolean isFull() {
        return closedForAppends;
    }

    void closeForAppends() {
        closedForAppends = true;
    }

    /** Seals the batch on first call and returns its bytes (a fresh view each call), stamped with its sequence. */
    ByteBuffer records() {
        closedForAppends = true;
        if (sealed == null) {
            if (baseSequence >= 0 && builder instanceof RecordBatchBuilder batchBuilder) {
                // Stamped while built: one CRC-32C pass over the batch instead of two.
                sealed = batchBuilder.build(producerId, producerEpoch, baseSequence);
                stampChanged = false;
            } else {
                sealed = builder.build();
                stampChanged = baseSequence >= 0;
            }
        }
        if (stampChanged) {
            RecordBatchBuilder.restamp(sealed, producerId, producerEpoch, baseSequence);
            stampChanged = false;
        }
        return sealed.duplicate();
    }

    /** Gives the batch its idempotence fields; they are written into the batch when it is next sent. */
    void assignSequence(long id, short epoch, int sequence, int generation) {
        producerId = id;
        producerEpoch = epoch;
        baseSequence = sequence;
        sequenceGeneration = generation;
        stampChanged = true;
    }

    /** Moves the batch to another base sequence (an earlier batch's sequences were given back). */
    void renumber(int sequence) {
        baseSequence = sequence;
        stampChanged = true;
    }

    /** Takes the producer id, epoch and generation of the batch this one replaces, at {@code sequence}. */
    void inheritSequence(ProducerBatch source, int sequence) {
        assignSequence(source.producerId, source.producerEpoch, sequence, source.sequenceGeneration);
    }

    /** Notes the numbers this attempt carries, just before it is sent. */
    void markSent() {
        sentBaseSequence = baseSequence;
        sentGeneration = sequenceGeneration;
    }

    /** The base sequence the last attempt carried, or -1. */
    int sentBaseSequence() {
        return sentBaseSequence;
    }

    /** Whether the numbers moved (renumbered or new epoch) since the last attempt was sent. */
    boolean isStampStale() {
        return sentBaseSequence != baseSequence || sentGeneration != sequenceGeneration;
    }

    /** An attempt ended without proof that the broker did not write the batch (no answer, timeout). */
    void markOutcomeUnknown() {
        mayHaveBeenWritten = true;
    }

    /** The broker's answer proves no attempt was written (it refused this one and would have known an earlier). */
    void markNotWritten() {
        mayHaveBeenWritten = false;
    }

    /** Whether some attempt may have been written (its answer never came). */
    boolean mayHaveBeenWritten() {
        return mayHaveBeenWritten;
    }

    /**
     * The broker acknowledged records of the partition sent after this batch while it had no
     * outcome (a broker that lost the producer's state takes any sequence): written now, it would
     * follow them, so it fails instead of being sent (network thread only).
     */
    void markOvertaken() {
        overtaken = true;
    }

    /** Whether {@link #markOvertaken} was called. */
    boolean isOvertaken() {
        return overtaken;
    }

    /** Whether the batch was drained and has not come back (guarded by its partition queue). */
    boolean isInFlight() {
        return inFlight;
    }

    void markInFlight(boolean value) {
        inFlight = value;
    }

    /** The base sequence, or -1 when the batch is not idempotent. */
    int baseSequence() {
        return baseSequence;
    }

    /** The idempotence generation the sequence was assigned in, or -1. */
    int sequenceGeneration() {
        return sequenceGeneration;
    }

    boolean isSealed() {
        return sealed != null;
    }

    int attempts() {
        return attempts;
    }

    void recordAttempt() {
        attempts++;
    }

    long retryNotBeforeMs() {
        return retryNotBeforeMs;
    }

    void retryNotBefore(long ms) {
        retryNotBeforeMs = ms;
    }

    boolean isRetry() {
        return attempts > 0;
    }


    /** Hands the pooled buffer back exactly once; null afterwards (and for batches without one). */
    synchronized ByteBuffer takePooledBuffer() {
        ByteBuffer buffer = pooledBuffer;
        pooledBuffer = null;
        return buffer;
    }


    /** Completes (normally) once every record of the batch has its outcome. */
    CompletableFuture<Void> completion() {
        return completion;
    }

    /** Completes every record with its offset. Returns false if the batch was already completed. */
    synchronized boolean complete(long baseOffset, long logAppendTime, long logStartOffset, int throttleTimeMs, int produceVersion) {
        if (completed) {
            return false;
        }
        completed = true;
        String topic = topicPartition.topic();
        int partition = topicPartition.partition();
        for (int i = 0; i < outcomes.size(); i++) {
            Object outcome = outcomes.get(i);
            if (outcome != null) {
                long offset = baseOffset < 0 ? -1 : baseOffset + i;
                deliver(outcome, new SendResult(topic, partition, offset, logAppendTime, logStartOffset,
                        throttleTimeMs, produceVersion), null);
            }
        }
        completion.complete(null);
        return true;
    }

    /**
     * Fails every record, each with the exception {@code causeForIndex} gives for its index in the
     * batch. Returns false if the batch was already completed.
     */
    synchronized boolean fail(IntFunction<? extends Throwable> causeForIndex) {
        if (completed) {
            return false;
        }
        completed = true;
        for (int i = 0; i < outcomes.size(); i++) {
            Object outcome = outcomes.get(i);
            if (outcome != null) {
                deliver(outcome, null, causeForIndex.apply(i));
            }
        }
        completion.complete(null);
        return true;
    }

    /** Fails every record with the same cause. */
    boolean fail(Throwable cause) {
        return fail(i -> cause);
    }

    /**
     * Hands one record's outcome over. A callback that throws is logged and does not keep the
     * batch's other records from their outcomes (as a future's dependent stage would not).
     */
    @SuppressWarnings("unchecked")
    private static void deliver(Object outcome, SendResult result, Throwable error) {
        if (outcome instanceof SendCallback callback) {
            try {
                callback.onCompletion(result, error);
            } catch (RuntimeException | Error e) {
                log.warn("A send callback threw; the other records of its batch complete regardless", e);
            }
        } else if (outcome != null) {
            CompletableFuture<SendResult> future = (CompletableFuture<SendResult>) outcome;
            if (error == null) {
                future.complete(result);
            } else {
                future.completeExceptionally(error);
            }
        }
    }

    @Override
    public String toString() {
        return "batch(" + topicPartition + ", " + outcomes.size() + " records, magic " + magic() + ", attempt " + attempts + ")";
    }
}
