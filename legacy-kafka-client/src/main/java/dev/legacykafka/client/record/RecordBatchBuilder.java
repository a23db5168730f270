package dev.legacykafka.client.record;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import dev.legacykafka.client.compress.CompressionCodec;
import dev.legacykafka.client.compress.CompressionCodecs;
import dev.legacykafka.client.protocol.types.Utf8;
import dev.legacykafka.client.protocol.types.Varint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Builds one RecordBatch (magic 2, Produce v3+), encoding each record into the buffer as it is
 * appended.
 *
 * <p>The 61-byte batch header is reserved up front, so an uncompressed batch is finished in place:
 * {@link #build} writes the header and CRC-32C and returns a slice of the same buffer. A compressed
 * batch compresses the records region into a new buffer that has the header in front.
 *
 * <p>The producer id, epoch and base sequence are stamped at build time (sequences are assigned
 * when a batch is drained) and can be re-stamped on the built bytes with
 * {@link #restamp(ByteBuffer, long, short, int)}, which also recomputes the CRC.
 */
public final class RecordBatchBuilder implements RecordsBuilder {

    /** Bytes of the batch header before the first record. */
    public static final int RECORD_BATCH_OVERHEAD = 61;
    /** {@code producerId}, {@code producerEpoch} and {@code baseSequence} of a non-idempotent batch. */
    public static final long NO_PRODUCER_ID = -1L;
    /** See {@link #NO_PRODUCER_ID}. */
    public static final short NO_PRODUCER_EPOCH = -1;
    /** See {@link #NO_PRODUCER_ID}. */
    public static final int NO_SEQUENCE = -1;

    static final byte MAGIC = 2;
    static final short TRANSACTIONAL_FLAG = 0x10;

    // Field offsets in the batch header.
    static final int BATCH_LENGTH_OFFSET = 8;
    static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    static final int MAGIC_OFFSET = 16;
    static final int CRC_OFFSET = 17;
    static final int ATTRIBUTES_OFFSET = 21;
    static final int LAST_OFFSET_DELTA_OFFSET = 23;
    static final int BASE_TIMESTAMP_OFFSET = 27;
    static final int MAX_TIMESTAMP_OFFSET = 35;
    static final int PRODUCER_ID_OFFSET = 43;
    static final int PRODUCER_EPOCH_OFFSET = 51;
    static final int BASE_SEQUENCE_OFFSET = 53;
    static final int RECORDS_COUNT_OFFSET = 57;
    static final int LOG_OVERHEAD = 12; // baseOffset and batchLength, not counted in batchLength

    private static final int MAX_INITIAL_CAPACITY = 1 << 20;
    private static final byte[] EMPTY_BYTES = new byte[0];
    private static final Header[] NO_HEADERS = new Header[0];

    private final CompressionType compression;
    private final CompressionCodec codec;
    private final boolean transactional;
    private final int sizeLimit;

    private ByteBuffer buffer;
    private int start;
    private int count;
    private long baseTimestamp;
    private long maxTimestamp;
    private ByteBuffer built;

    /**
     * Creates a builder with its own heap buffer, sized for {@code sizeLimit} (up to 1 MiB) and grown
     * if a single larger record arrives.
     *
     * @param compression   the codec for the whole records region
     * @param transactional whether to set the transactional attribute (records of a transaction)
     * @param sizeLimit     uncompressed batch size past which {@link #tryAppend} refuses records
     * @throws dev.legacykafka.client.compress.CompressionUnavailableException if the codec's library is missing
     */
    public RecordBatchBuilder(CompressionType compression, boolean transactional, int sizeLimit) {
        this(compression, transactional,
                ByteBuffer.allocate(Math.max(RECORD_BATCH_OVERHEAD + 64, Math.min(sizeLimit, MAX_INITIAL_CAPACITY))),
                sizeLimit);
    }

    /**
     * Creates a builder that writes into {@code buffer} from its position (for example a pooled
     * buffer); {@code buffer} itself keeps its position and byte order. If a record does not fit in
     * it, the builder moves to a larger heap buffer, so
     * {@link #build} may return bytes that are not in {@code buffer}.
     *
     * @param compression   the codec for the whole records region
     * @param transactional whether to set the transactional attribute
     * @param buffer        where to encode; written from its position
     * @param sizeLimit     uncompressed batch size past which {@link #tryAppend} refuses records
     * @throws dev.legacykafka.client.compress.CompressionUnavailableException if the codec's library is missing
     */
    public RecordBatchBuilder(CompressionType compression, boolean transactional, ByteBuffer buffer, int sizeLimit) {
        this.compression = Objects.requireNonNull(compression, "compression");
        this.codec = compression == CompressionType.NONE ? null : CompressionCodecs.forType(compression);
        this.transactional = transactional;
        this.sizeLimit = sizeLimit;
        // A big-endian view: the caller's buffer keeps its own position and byte order.
        ByteBuffer view = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.start = view.position();
        this.buffer = Buffers.ensureRemaining(view, start, RECORD_BATCH_OVERHEAD);
        if (this.buffer != view) {
            this.start = 0;
        }
        this.buffer.position(start + RECORD_BATCH_OVERHEAD);
    }

    @Override
    public boolean tryAppend(long timestamp, byte[] key, byte[] value, Header[] headers) {
        if (built != null) {
            throw new IllegalStateException("The batch has been built; start a new one");
        }
        long timestampDelta = count == 0 ? 0L : timestamp - baseTimestamp;
        int bodySize = recordBodySize(timestampDelta, count, key, value, headers);
        int recordSize = Varint.sizeOfVarint(bodySize) + bodySize;
        if (count > 0 && buffer.position() - start + recordSize > sizeLimit) {
            return false;
        }
        ByteBuffer grown = Buffers.ensureRemaining(buffer, start, recordSize);
        if (grown != buffer) {
            buffer = grown;
            start = 0;
        }
        writeRecord(buffer, bodySize, timestampDelta, count, key, value, headers);
        if (count == 0) {
            baseTimestamp = timestamp;
            maxTimestamp = timestamp;
        } else if (timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
        count++;
        return true;
    }

    @Override
    public int recordCount() {
        return count;
    }

    @Override
    public int estimatedSizeInBytes() {
        return built != null && codec != null ? built.limit() : buffer.position() - start;
    }

    @Override
    public byte magic() {
        return MAGIC;
    }

    @Override
    public CompressionType compression() {
        return compression;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the records region of this builder's buffer, which {@link #build} leaves intact
     * (it writes the header in front of it, or compresses a copy).
     */
    @Override
    public void forEachRecord(RecordVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        ByteBuffer in = buffer.duplicate();
        in.limit(buffer.position()).position(start + RECORD_BATCH_OVERHEAD);
        for (int i = 0; i < count; i++) {
            int bodySize = Varint.readVarint(in);
            int next = in.position() + bodySize;
            in.get(); // attributes: always 0 for a record
            long timestamp = baseTimestamp + Varint.readVarlong(in);
            Varint.readVarint(in); // offset delta, equal to i
            byte[] key = readBytes(in);
            byte[] value = readBytes(in);
            int headerCount = Varint.readVarint(in);
            Header[] headers = headerCount == 0 ? NO_HEADERS : new Header[headerCount];
            for (int h = 0; h < headerCount; h++) {
                byte[] headerKey = new byte[Varint.readVarint(in)];
                in.get(headerKey);
                headers[h] = new Header(new String(headerKey, StandardCharsets.UTF_8), readBytes(in));
            }
            in.position(next);
            visitor.visit(i, timestamp, key, value, headers);
        }
    }

    /** Bytes of the uncompressed batch, header included, whether built or not. */
    int uncompressedSizeInBytes() {
        return buffer.position() - start;
    }

    /** Whether the batch is marked as part of a transaction. */
    public boolean isTransactional() {
        return transactional;
    }

    /** Builds the batch for a non-idempotent producer: producer id, epoch and base sequence -1. */
    @Override
    public ByteBuffer build() {
        return build(NO_PRODUCER_ID, NO_PRODUCER_EPOCH, NO_SEQUENCE);
    }

    /**
     * Builds the batch stamped with the given idempotence fields. Calling it again re-stamps the same
     * bytes (and CRC) with the new values, as a retry after an epoch bump needs.
     *
     * @return the batch bytes, position 0 and limit = batch size; a new view over the same bytes on
     *         every call
     * @throws IllegalStateException if no record was appended
     */
    public ByteBuffer build(long producerId, short producerEpoch, int baseSequence) {
        if (built == null) {
            if (count == 0) {
                throw new IllegalStateException("Cannot build an empty record batch");
            }
            built = codec == null ? finishInPlace() : finishCompressed();
        }
        restamp(built, producerId, producerEpoch, baseSequence);
        return built.duplicate();
    }

    private ByteBuffer finishInPlace() {
        ByteBuffer batch = buffer.duplicate();
        batch.limit(buffer.position()).position(start);
        batch = batch.slice();
        writeHeader(batch);
        return batch;
    }

    private ByteBuffer finishCompressed() {
        ByteBuffer records = buffer.duplicate();
        records.limit(buffer.position()).position(start + RECORD_BATCH_OVERHEAD);
        ByteBuffer batch = codec.compress(records, MAGIC, RECORD_BATCH_OVERHEAD);
        writeHeader(batch);
        return batch;
    }

    /** Writes every header field but the idempotence fields and CRC, which {@link #restamp} writes. */
    private void writeHeader(ByteBuffer batch) {
        short attributes = (short) compression.id();
        if (transactional) {
            attributes |= TRANSACTIONAL_FLAG;
        }
        batch.putLong(0, 0L);
        batch.putInt(BATCH_LENGTH_OFFSET, batch.limit() - LOG_OVERHEAD);
        batch.putInt(PARTITION_LEADER_EPOCH_OFFSET, -1);
        batch.put(MAGIC_OFFSET, MAGIC);
        batch.putShort(ATTRIBUTES_OFFSET, attributes);
        batch.putInt(LAST_OFFSET_DELTA_OFFSET, count - 1);
        batch.putLong(BASE_TIMESTAMP_OFFSET, baseTimestamp);
        batch.putLong(MAX_TIMESTAMP_OFFSET, maxTimestamp);
        batch.putInt(RECORDS_COUNT_OFFSET, count);
    }

    /**
     * Rewrites the producer id, epoch and base sequence of a built RecordBatch and recomputes its
     * CRC-32C; the rest of the batch is untouched. Position, limit and byte order of {@code target} are unchanged.
     *
     * @param target a magic-2 batch starting at {@code target.position()}
     * @throws IllegalArgumentException if the bytes there are not a magic-2 batch
     */
    public static void restamp(ByteBuffer target, long producerId, short producerEpoch, int baseSequence) {
        ByteBuffer batch = target.duplicate().order(ByteOrder.BIG_ENDIAN);
        int base = batch.position();
        if (batch.remaining() < RECORD_BATCH_OVERHEAD || batch.get(base + MAGIC_OFFSET) != MAGIC) {
            throw new IllegalArgumentException("Not a magic-2 record batch");
        }
        int end = base + LOG_OVERHEAD + batch.getInt(base + BATCH_LENGTH_OFFSET);
        if (end > batch.limit()) {
            throw new IllegalArgumentException("Record batch length " + (end - base) + " exceeds the buffer");
        }
        batch.putLong(base + PRODUCER_ID_OFFSET, producerId);
        batch.putShort(base + PRODUCER_EPOCH_OFFSET, producerEpoch);
        batch.putInt(base + BASE_SEQUENCE_OFFSET, baseSequence);
        CRC32C crc = new CRC32C();
        ByteBuffer covered = batch.duplicate();
        covered.limit(end).position(base + ATTRIBUTES_OFFSET);
        crc.update(covered);
        batch.putInt(base + CRC_OFFSET, (int) crc.getValue());
    }

    /** Exact size of an uncompressed batch holding only this record. */
    static int sizeOfSingleRecordBatch(byte[] key, byte[] value, Header[] headers) {
        int bodySize = recordBodySize(0L, 0, key, value, headers);
        return RECORD_BATCH_OVERHEAD + Varint.sizeOfVarint(bodySize) + bodySize;
    }

    /** Size of a record after its length varint. */
    static int recordBodySize(long timestampDelta, int offsetDelta, byte[] key, byte[] value, Header[] headers) {
        int size = 1 // attributes
                + Varint.sizeOfVarlong(timestampDelta)
                + Varint.sizeOfVarint(offsetDelta)
                + sizeOfBytes(key)
                + sizeOfBytes(value);
        int headerCount = headers == null ? 0 : headers.length;
        size += Varint.sizeOfVarint(headerCount);
        for (int i = 0; i < headerCount; i++) {
            int keyLength = Utf8.encodedLength(headers[i].key());
            size += Varint.sizeOfVarint(keyLength) + keyLength + sizeOfBytes(headers[i].value());
        }
        return size;
    }

    private static int sizeOfBytes(byte[] bytes) {
        return bytes == null ? 1 : Varint.sizeOfVarint(bytes.length) + bytes.length;
    }

    private static void writeRecord(ByteBuffer out, int bodySize, long timestampDelta, int offsetDelta,
                                    byte[] key, byte[] value, Header[] headers) {
        if (out.hasArray() && (headers == null || headers.length == 0)) {
            writeRecordWithoutHeaders(out, bodySize, timestampDelta, offsetDelta, key, value);
            return;
        }
        Varint.writeVarint(bodySize, out);
        out.put((byte) 0);
        Varint.writeVarlong(timestampDelta, out);
        Varint.writeVarint(offsetDelta, out);
        writeBytes(key, out);
        writeBytes(value, out);
        int headerCount = headers == null ? 0 : headers.length;
        Varint.writeVarint(headerCount, out);
        for (int i = 0; i < headerCount; i++) {
            String headerKey = headers[i].key();
            Varint.writeVarint(Utf8.encodedLength(headerKey), out);
            Utf8.encode(headerKey, out);
            writeBytes(headers[i].value(), out);
        }
    }

    /**
     * The common record (no headers, a heap buffer) written straight into the buffer's array: one
     * bounds check for the record instead of one per byte put, which made the varints of a record
     * cost more than its 100 value bytes. The caller made room for the whole record.
     */
    private static void writeRecordWithoutHeaders(ByteBuffer out, int bodySize, long timestampDelta, int offsetDelta,
                                                  byte[] key, byte[] value) {
        byte[] array = out.array();
        int index = out.arrayOffset() + out.position();
        index = Varint.writeVarint(bodySize, array, index);
        array[index++] = 0; // attributes
        index = Varint.writeVarlong(timestampDelta, array, index);
        index = Varint.writeVarint(offsetDelta, array, index);
        index = writeBytes(key, array, index);
        index = writeBytes(value, array, index);
        array[index++] = 0; // no headers: the varint 0
        out.position(index - out.arrayOffset());
    }

    private static int writeBytes(byte[] bytes, byte[] out, int index) {
        if (bytes == null) {
            return Varint.writeVarint(-1, out, index);
        }
        index = Varint.writeVarint(bytes.length, out, index);
        System.arraycopy(bytes, 0, out, index, bytes.length);
        return index + bytes.length;
    }

    private static byte[] readBytes(ByteBuffer in) {
        int length = Varint.readVarint(in);
        if (length < 0) {
            return null;
        }
        if (length == 0) {
            return EMPTY_BYTES;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static void writeBytes(byte[] bytes, ByteBuffer out) {
        if (bytes == null) {
            Varint.writeVarint(-1, out);
        } else {
            Varint.writeVarint(bytes.length, out);
            out.put(bytes);
        }
    }
}
