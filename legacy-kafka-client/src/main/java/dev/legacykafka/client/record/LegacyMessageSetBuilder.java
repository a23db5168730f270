package dev.legacykafka.client.record;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import dev.legacykafka.client.compress.CompressionCodec;
import dev.legacykafka.client.compress.CompressionCodecs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Builds a legacy MessageSet (magic 0 for Produce v0-v1, magic 1 for Produce v2), encoding each
 * message into the buffer as it is appended.
 *
 * <p>Each entry is {@code offset:int64 size:int32 crc:uint32 magic:int8 attributes:int8
 * [timestamp:int64, magic 1] key:bytes value:bytes}, the CRC-32 covering magic to the end of the
 * value. Messages get offsets 0..n-1; the broker assigns the real ones.
 *
 * <p>With a codec the set is one wrapper message: codec id in its attributes, null key, and as
 * value the compressed set of inner messages (offsets 0..n-1, which magic 1 defines as relative).
 * The wrapper's offset is n-1, the offset of its last inner message, which is what Kafka's own
 * producers wrote for both magics; a magic-1 wrapper carries the largest inner timestamp as its
 * CreateTime, as brokers expect. The wrapper header is reserved in front of the inner messages,
 * and compression writes into a new buffer.
 *
 * <p>These formats cannot carry headers and predate zstd: both are refused with
 * {@link IllegalArgumentException}.
 *
 * <p>Magic 0 has no timestamp field; the builder keeps the timestamps given to {@link #tryAppend}
 * in an array beside the buffer (8 bytes a record), only so that {@link #forEachRecord} can hand
 * them to a batch re-encoded in a newer format.
 */
public final class LegacyMessageSetBuilder implements RecordsBuilder {

    /** Bytes before each message: offset and size. */
    public static final int LOG_OVERHEAD = 12;
    /** Message bytes besides key and value for magic 0: crc, magic, attributes, two lengths. */
    public static final int MESSAGE_OVERHEAD_V0 = 14;
    /** Message bytes besides key and value for magic 1: magic 0's plus the timestamp. */
    public static final int MESSAGE_OVERHEAD_V1 = 22;

    private static final int MAX_INITIAL_CAPACITY = 1 << 20;
    private static final byte[] EMPTY_BYTES = new byte[0];
    private static final Header[] NO_HEADERS = new Header[0];

    private final byte magic;
    private final CompressionType compression;
    private final CompressionCodec codec;
    private final int sizeLimit;
    private final int wrapperSize;
    private final CRC32 crc = new CRC32();

    private ByteBuffer buffer;
    private int start;
    private int count;
    private long maxTimestamp = Long.MIN_VALUE;
    private ByteBuffer built;
    /** Magic 0 only: the timestamps the wire format drops, for {@link #forEachRecord}. */
    private long[] magic0Timestamps;

    /**
     * Creates a builder with its own heap buffer, sized for {@code sizeLimit} (up to 1 MiB) and grown
     * if a single larger record arrives.
     *
     * @param magic       0 or 1
     * @param compression NONE, GZIP, SNAPPY or LZ4
     * @param sizeLimit   uncompressed message set size past which {@link #tryAppend} refuses records
     * @throws IllegalArgumentException if {@code magic} is not 0 or 1, or the codec is ZSTD
     * @throws dev.legacykafka.client.compress.CompressionUnavailableException if the codec's library is missing
     */
    public LegacyMessageSetBuilder(byte magic, CompressionType compression, int sizeLimit) {
        this(magic, compression, ByteBuffer.allocate(Math.max(128, Math.min(sizeLimit, MAX_INITIAL_CAPACITY))),
                sizeLimit);
    }

    /**
     * Creates a builder that writes into {@code buffer} from its position (for example a pooled
     * buffer); {@code buffer} itself keeps its position and byte order. If a record does not fit in
     * it, the builder moves to a larger heap buffer, so {@link #build} may return other bytes.
     *
     * @throws IllegalArgumentException if {@code magic} is not 0 or 1, or the codec is ZSTD
     * @throws dev.legacykafka.client.compress.CompressionUnavailableException if the codec's library is missing
     */
    public LegacyMessageSetBuilder(byte magic, CompressionType compression, ByteBuffer buffer, int sizeLimit) {
        if (magic != 0 && magic != 1) {
            throw new IllegalArgumentException("A legacy message set has magic 0 or 1, not " + magic);
        }
        Objects.requireNonNull(compression, "compression");
        if (compression == CompressionType.ZSTD) {
            throw new IllegalArgumentException("zstd compression needs the RecordBatch format (magic 2, Produce v7+);"
                    + " a magic " + magic + " message set cannot carry it");
        }
        this.magic = magic;
        this.compression = compression;
        this.codec = compression == CompressionType.NONE ? null : CompressionCodecs.forType(compression);
        this.sizeLimit = sizeLimit;
        this.wrapperSize = codec == null ? 0 : LOG_OVERHEAD + messageOverhead(magic);
        ByteBuffer view = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.start = view.position();
        this.buffer = Buffers.ensureRemaining(view, start, wrapperSize);
        if (this.buffer != view) {
            this.start = 0;
        }
        this.buffer.position(start + wrapperSize);
    }

    @Override
    public boolean tryAppend(long timestamp, byte[] key, byte[] value, Header[] headers) {
        if (built != null) {
            throw new IllegalStateException("The message set has been built; start a new one");
        }
        rejectHeaders(magic, headers);
        int messageSize = messageOverhead(magic) + length(key) + length(value);
        int entrySize = LOG_OVERHEAD + messageSize;
        if (count > 0 && buffer.position() - start + entrySize > sizeLimit) {
            return false;
        }
        ByteBuffer grown = Buffers.ensureRemaining(buffer, start, entrySize);
        if (grown != buffer) {
            buffer = grown;
            start = 0;
        }
        writeMessage(count, messageSize, (byte) 0, timestamp, key, value);
        if (magic == 0) {
            rememberTimestamp(timestamp);
        }
        if (timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
        count++;
        return true;
    }

    private void rememberTimestamp(long timestamp) {
        if (magic0Timestamps == null) {
            magic0Timestamps = new long[16];
        } else if (count == magic0Timestamps.length) {
            magic0Timestamps = Arrays.copyOf(magic0Timestamps, 2 * count);
        }
        magic0Timestamps[count] = timestamp;
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
        return magic;
    }

    @Override
    public CompressionType compression() {
        return compression;
    }

    @Override
    public ByteBuffer build() {
        if (built == null) {
            if (count == 0) {
                throw new IllegalStateException("Cannot build an empty message set");
            }
            built = codec == null ? finishInPlace() : finishCompressed();
        }
        return built.duplicate();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the inner messages in this builder's buffer, which {@link #build} leaves intact (an
     * uncompressed set is returned in place, a compressed one is a compressed copy). Headers are
     * always empty: these formats have none.
     */
    @Override
    public void forEachRecord(RecordVisitor visitor) {
        Objects.requireNonNull(visitor, "visitor");
        ByteBuffer in = buffer.duplicate();
        in.limit(buffer.position()).position(start + wrapperSize);
        for (int i = 0; i < count; i++) {
            int entryStart = in.position();
            int messageSize = in.getInt(entryStart + 8);
            // Skip offset, size, crc, magic and attributes: all written by this builder.
            in.position(entryStart + LOG_OVERHEAD + 6);
            long timestamp = magic == 1 ? in.getLong() : magic0Timestamps[i];
            byte[] key = readBytes(in);
            byte[] value = readBytes(in);
            in.position(entryStart + LOG_OVERHEAD + messageSize);
            visitor.visit(i, timestamp, key, value, NO_HEADERS);
        }
    }

    /** Bytes of the uncompressed message set (without a compressed wrapper), whether built or not. */
    int uncompressedSizeInBytes() {
        return buffer.position() - start - wrapperSize;
    }

    private ByteBuffer finishInPlace() {
        ByteBuffer set = buffer.duplicate();
        set.limit(buffer.position()).position(start);
        return set.slice();
    }

    private ByteBuffer finishCompressed() {
        ByteBuffer inner = buffer.duplicate();
        inner.limit(buffer.position()).position(start + wrapperSize);
        ByteBuffer compressed = codec.compress(inner, magic, wrapperSize);
        int valueSize = compressed.limit() - wrapperSize;
        // Write the wrapper into the headroom; value bytes are already in place after it.
        ByteBuffer wrapper = compressed.duplicate();
        wrapper.position(0);
        int messageSize = messageOverhead(magic) + valueSize;
        wrapper.putLong(count - 1L);
        wrapper.putInt(messageSize);
        int crcPosition = wrapper.position();
        wrapper.putInt(0);
        wrapper.put(magic);
        wrapper.put((byte) compression.id());
        if (magic == 1) {
            wrapper.putLong(maxTimestamp);
        }
        wrapper.putInt(-1);
        wrapper.putInt(valueSize);
        putCrc(compressed, crcPosition, LOG_OVERHEAD + messageSize);
        return compressed;
    }

    private void writeMessage(long offset, int messageSize, byte attributes, long timestamp, byte[] key, byte[] value) {
        ByteBuffer out = buffer;
        int entryStart = out.position();
        out.putLong(offset);
        out.putInt(messageSize);
        int crcPosition = out.position();
        out.putInt(0);
        out.put(magic);
        out.put(attributes);
        if (magic == 1) {
            out.putLong(timestamp);
        }
        writeBytes(key, out);
        writeBytes(value, out);
        putCrc(out, crcPosition, out.position() - entryStart);
    }

    /** Computes the CRC-32 of the bytes after the crc field up to {@code entrySize} and writes it. */
    private void putCrc(ByteBuffer out, int crcPosition, int entrySize) {
        int entryStart = crcPosition - LOG_OVERHEAD;
        ByteBuffer covered = out.duplicate();
        covered.limit(entryStart + entrySize).position(crcPosition + 4);
        crc.reset();
        crc.update(covered);
        out.putInt(crcPosition, (int) crc.getValue());
    }

    /** Exact size of an uncompressed message set, or a wrapper around one inner message, holding this record. */
    static int sizeOfSingleRecordSet(byte magic, CompressionType compression, byte[] key, byte[] value,
                                     Header[] headers) {
        rejectHeaders(magic, headers);
        int entry = LOG_OVERHEAD + messageOverhead(magic) + length(key) + length(value);
        return compression == CompressionType.NONE ? entry : LOG_OVERHEAD + messageOverhead(magic) + entry;
    }

    private static void rejectHeaders(byte magic, Header[] headers) {
        if (headers != null && headers.length > 0) {
            throw new IllegalArgumentException("Record headers need the RecordBatch format (magic 2, Produce v3+);"
                    + " a magic " + magic + " message set cannot carry them");
        }
    }

    private static int messageOverhead(byte magic) {
        return magic == 0 ? MESSAGE_OVERHEAD_V0 : MESSAGE_OVERHEAD_V1;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static byte[] readBytes(ByteBuffer in) {
        int length = in.getInt();
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
            out.putInt(-1);
        } else {
            out.putInt(bytes.length);
            out.put(bytes);
        }
    }
}
