package dev.legacykafka.client.record;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;

import java.nio.ByteBuffer;

/**
 * Accumulates records for one partition and encodes them, as they are appended, into the record
 * format a ProduceRequest carries: a RecordBatch (magic 2, {@link RecordBatchBuilder}) or a legacy
 * MessageSet (magic 0/1, {@link LegacyMessageSetBuilder}).
 *
 * <p>A builder is used by one thread at a time (the producer's per-partition accumulator
 * serialises access). Once {@link #build()} has been called no more records can be appended.
 */
public interface RecordsBuilder {

    /**
     * Encodes one record into the batch if it fits within the size limit.
     *
     * <p>The first record of an empty builder is always accepted, so a record larger than the limit
     * still makes a batch of one; checking it against the maximum request size is the caller's job
     * (see {@link #sizeOfSingleRecordBatch}).
     *
     * @param timestamp create time in epoch milliseconds (not encoded by magic 0, which has none,
     *                  but still reported by {@link #forEachRecord})
     * @param key       key bytes, or null
     * @param value     value bytes, or null
     * @param headers   headers, or null or empty for none; must be empty for magic 0 and 1
     * @return false if the record would take the batch past its size limit; nothing was written
     * @throws IllegalArgumentException if the format cannot carry the record (headers below magic 2)
     * @throws IllegalStateException    if the builder has already been built
     */
    boolean tryAppend(long timestamp, byte[] key, byte[] value, Header[] headers);

    /** Number of records appended so far. */
    int recordCount();

    /** Whether no record has been appended. */
    default boolean isEmpty() {
        return recordCount() == 0;
    }

    /**
     * Size in bytes of the batch as encoded so far, before compression (after {@link #build()}, the
     * built size). An upper bound of the built size except for the few bytes a codec adds to
     * incompressible data.
     */
    int estimatedSizeInBytes();

    /** The record format version written: 0, 1 or 2. */
    byte magic();

    /** The codec the built batch is compressed with. */
    CompressionType compression();

    /**
     * Finishes the batch (compressing it if needed) and returns its bytes, position 0 and limit =
     * size, ready to be placed into a ProduceRequest. Calling it again returns the same bytes.
     *
     * @throws IllegalStateException if no record was appended
     */
    ByteBuffer build();

    /**
     * Decodes the records appended so far and passes them to {@code visitor} in append order, so a
     * batch can be re-encoded (a subset of it, another format, or split in two; see
     * {@link RecordsRebuilder}) without the producer keeping the original arrays.
     *
     * <p>Works before and after {@link #build()}, compressed or not: the builders keep the
     * uncompressed records in their buffer, and building only writes the header in front of them
     * or compresses them into another buffer. A builder writing into a caller's (pooled) buffer
     * therefore reads that buffer: call this before the buffer goes back to its pool.
     *
     * <p>Timestamps are those passed to {@link #tryAppend}: magic 2 reads base timestamp plus
     * delta, magic 1 the stored timestamp, and magic 0, whose format has none, keeps them on the
     * side (8 bytes a record) so a batch moved to a newer format keeps its create times.
     *
     * @param visitor called once per record; an exception it throws stops the walk and propagates
     */
    void forEachRecord(RecordVisitor visitor);

    /**
     * Creates a non-transactional builder for {@code magic} that grows its own heap buffer.
     *
     * @param magic       0 or 1 for a MessageSet (Produce v0-v1 and v2), 2 for a RecordBatch (v3+)
     * @param compression the codec; ZSTD needs magic 2
     * @param sizeLimit   the batch size past which {@link #tryAppend} refuses further records
     * @throws IllegalArgumentException for an unknown magic or a codec the format cannot carry
     * @throws dev.legacykafka.client.compress.CompressionUnavailableException if the codec's library is missing
     */
    static RecordsBuilder create(byte magic, CompressionType compression, int sizeLimit) {
        return switch (magic) {
            case 0, 1 -> new LegacyMessageSetBuilder(magic, compression, sizeLimit);
            case 2 -> new RecordBatchBuilder(compression, false, sizeLimit);
            default -> throw new IllegalArgumentException("Unknown record format magic " + magic);
        };
    }

    /**
     * Exact size in bytes of an uncompressed batch (or, for a compressed legacy format, the wrapper
     * plus the uncompressed inner message) holding only this record: what the producer compares
     * with max.request.size before buffering a record.
     *
     * @throws IllegalArgumentException for an unknown magic or headers below magic 2
     */
    static int sizeOfSingleRecordBatch(byte magic, CompressionType compression, byte[] key, byte[] value,
                                       Header[] headers) {
        return switch (magic) {
            case 0, 1 -> LegacyMessageSetBuilder.sizeOfSingleRecordSet(magic, compression, key, value, headers);
            case 2 -> RecordBatchBuilder.sizeOfSingleRecordBatch(key, value, headers);
            default -> throw new IllegalArgumentException("Unknown record format magic " + magic);
        };
    }
}
