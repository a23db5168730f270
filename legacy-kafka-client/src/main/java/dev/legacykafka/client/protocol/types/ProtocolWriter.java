package dev.legacykafka.client.protocol.types;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes Kafka protocol primitives, big-endian, in one of three modes:
 * <ul>
 *   <li>{@linkplain #ProtocolWriter(int) growable}: into a heap buffer that doubles when full;</li>
 *   <li>{@linkplain #ProtocolWriter(ByteBuffer) fixed}: into a caller's buffer (for example a pooled
 *       one) from its position on; running out of room throws {@link BufferOverflowException};</li>
 *   <li>{@linkplain #measuring() measuring}: nothing is stored, only the byte count advances, so a
 *       codec's own write method tells the exact size of a message before the frame is allocated.</li>
 * </ul>
 *
 * <p>Encodings (KIP-482 for the compact ones): STRING is an int16 length then UTF-8, -1 for null;
 * BYTES an int32 length, -1 for null; ARRAY an int32 count, -1 for null; COMPACT_* carry an
 * unsigned varint of length + 1, 0 for null; a tagged-field section is an unsigned varint count, then
 * per field an unsigned varint tag, an unsigned varint size and the field's bytes.
 *
 * <p>Not thread-safe: one writer per message being encoded.
 */
public final class ProtocolWriter {

    private static final int MIN_GROWTH = 64;

    private ByteBuffer buffer;
    private final boolean growable;
    private final int start;
    private int measured;

    /**
     * A growable writer over a new heap buffer.
     *
     * @param initialCapacity bytes to allocate up front; with an exact size the buffer never grows
     */
    public ProtocolWriter(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must not be negative: " + initialCapacity);
        }
        this.buffer = ByteBuffer.allocate(initialCapacity);
        this.growable = true;
        this.start = 0;
    }

    /**
     * A writer into {@code target}, from its current position up to its limit. Writes advance the
     * target's position.
     *
     * @param target the buffer to fill; never replaced, so it must be large enough
     */
    public ProtocolWriter(ByteBuffer target) {
        this.buffer = Objects.requireNonNull(target, "target");
        this.growable = false;
        this.start = target.position();
    }

    private ProtocolWriter() {
        this.buffer = null;
        this.growable = false;
        this.start = 0;
    }

    /** A writer that stores nothing and only counts the bytes it would write. */
    public static ProtocolWriter measuring() {
        return new ProtocolWriter();
    }

    /** Bytes written (or counted) so far. */
    public int size() {
        return buffer == null ? measured : buffer.position() - start;
    }

    /**
     * The bytes written so far as a read-only-positioned view: position 0 (or the fixed target's
     * start), limit at the end of the last write. The view shares content with this writer.
     *
     * @throws IllegalStateException on a measuring writer
     */
    public ByteBuffer toByteBuffer() {
        if (buffer == null) {
            throw new IllegalStateException("A measuring writer holds no bytes");
        }
        ByteBuffer view = buffer.duplicate();
        view.limit(buffer.position());
        view.position(start);
        return view.slice();
    }

    // ------------------------------------------------------------------ fixed-width integers

    /** INT8. */
    public void writeInt8(byte value) {
        if (room(1)) {
            buffer.put(value);
        }
    }

    /** BOOLEAN: one byte, 1 for true. */
    public void writeBoolean(boolean value) {
        writeInt8(value ? (byte) 1 : (byte) 0);
    }

    /** INT16, big-endian. */
    public void writeInt16(short value) {
        if (room(2)) {
            buffer.putShort(value);
        }
    }

    /** INT32, big-endian. */
    public void writeInt32(int value) {
        if (room(4)) {
            buffer.putInt(value);
        }
    }

    /** INT64, big-endian. */
    public void writeInt64(long value) {
        if (room(8)) {
            buffer.putLong(value);
        }
    }

    /** UNSIGNED_VARINT. */
    public void writeUnsignedVarint(int value) {
        if (room(Varint.sizeOfUnsignedVarint(value))) {
            Varint.writeUnsignedVarint(value, buffer);
        }
    }

    /** UUID: the most significant 64 bits, then the least significant. */
    public void writeUuid(UUID value) {
        Objects.requireNonNull(value, "uuid");
        writeInt64(value.getMostSignificantBits());
        writeInt64(value.getLeastSignificantBits());
    }

    // ------------------------------------------------------------------ strings

    /** STRING: int16 length and UTF-8; null is not allowed. */
    public void writeString(String value) {
        Objects.requireNonNull(value, "a non-nullable STRING");
        writeStringBody(value, false);
    }

    /** NULLABLE_STRING: like STRING, length -1 for null. */
    public void writeNullableString(String value) {
        if (value == null) {
            writeInt16((short) -1);
        } else {
            writeStringBody(value, false);
        }
    }

    /** COMPACT_STRING: unsigned varint length + 1 and UTF-8; null is not allowed. */
    public void writeCompactString(String value) {
        Objects.requireNonNull(value, "a non-nullable COMPACT_STRING");
        writeStringBody(value, true);
    }

    /** COMPACT_NULLABLE_STRING: like COMPACT_STRING, 0 for null. */
    public void writeCompactNullableString(String value) {
        if (value == null) {
            writeUnsignedVarint(0);
        } else {
            writeStringBody(value, true);
        }
    }

    private void writeStringBody(String value, boolean compact) {
        int length = Utf8.encodedLength(value);
        if (compact) {
            writeUnsignedVarint(length + 1);
        } else {
            if (length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("String of " + length + " UTF-8 bytes does not fit an int16 length");
            }
            writeInt16((short) length);
        }
        if (room(length)) {
            Utf8.encode(value, buffer);
        }
    }

    /** Encoded size of {@code value} as STRING or NULLABLE_STRING (null allowed). */
    public static int sizeOfString(String value) {
        return value == null ? 2 : 2 + Utf8.encodedLength(value);
    }

    /** Encoded size of {@code value} as COMPACT_STRING or COMPACT_NULLABLE_STRING (null allowed). */
    public static int sizeOfCompactString(String value) {
        if (value == null) {
            return 1;
        }
        int length = Utf8.encodedLength(value);
        return Varint.sizeOfUnsignedVarint(length + 1) + length;
    }

    // ------------------------------------------------------------------ bytes

    /** BYTES: int32 length and the bytes; null is not allowed. */
    public void writeBytes(byte[] value) {
        Objects.requireNonNull(value, "non-nullable BYTES");
        writeInt32(value.length);
        writeRaw(value);
    }

    /** NULLABLE_BYTES: like BYTES, length -1 for null. */
    public void writeNullableBytes(byte[] value) {
        if (value == null) {
            writeInt32(-1);
        } else {
            writeBytes(value);
        }
    }

    /** COMPACT_BYTES: unsigned varint length + 1 and the bytes; null is not allowed. */
    public void writeCompactBytes(byte[] value) {
        Objects.requireNonNull(value, "non-nullable COMPACT_BYTES");
        writeUnsignedVarint(value.length + 1);
        writeRaw(value);
    }

    /** COMPACT_NULLABLE_BYTES: like COMPACT_BYTES, 0 for null. */
    public void writeCompactNullableBytes(byte[] value) {
        if (value == null) {
            writeUnsignedVarint(0);
        } else {
            writeCompactBytes(value);
        }
    }

    /**
     * NULLABLE_BYTES from the remaining bytes of {@code value}, which is left untouched (position and
     * limit unchanged). The bytes are copied once, straight into this writer's buffer.
     */
    public void writeNullableBytes(ByteBuffer value) {
        if (value == null) {
            writeInt32(-1);
        } else {
            writeInt32(value.remaining());
            writeRaw(value);
        }
    }

    /**
     * COMPACT_NULLABLE_BYTES from the remaining bytes of {@code value}, which is left untouched. The
     * bytes are copied once, straight into this writer's buffer.
     */
    public void writeCompactNullableBytes(ByteBuffer value) {
        if (value == null) {
            writeUnsignedVarint(0);
        } else {
            writeUnsignedVarint(value.remaining() + 1);
            writeRaw(value);
        }
    }

    /** The bytes of {@code value} with no length prefix. */
    public void writeRaw(byte[] value) {
        if (room(value.length)) {
            buffer.put(value);
        }
    }

    /**
     * The remaining bytes of {@code value} with no length prefix. {@code value} keeps its position,
     * and no intermediate copy or duplicate view is made.
     */
    public void writeRaw(ByteBuffer value) {
        int length = value.remaining();
        if (room(length)) {
            int at = buffer.position();
            buffer.put(at, value, value.position(), length);
            buffer.position(at + length);
        }
    }

    // ------------------------------------------------------------------ arrays

    /** ARRAY count (int32); use {@link #writeNullableArrayLength} for a null array. */
    public void writeArrayLength(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Array length must not be negative: " + count);
        }
        writeInt32(count);
    }

    /** ARRAY count (int32), -1 meaning a null array. */
    public void writeNullableArrayLength(int countOrMinusOne) {
        if (countOrMinusOne < -1) {
            throw new IllegalArgumentException("Array length must be -1 (null) or more: " + countOrMinusOne);
        }
        writeInt32(countOrMinusOne);
    }

    /** COMPACT_ARRAY count: unsigned varint count + 1. */
    public void writeCompactArrayLength(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Array length must not be negative: " + count);
        }
        writeUnsignedVarint(count + 1);
    }

    /** COMPACT_ARRAY count with -1 meaning null (written as 0). */
    public void writeCompactNullableArrayLength(int countOrMinusOne) {
        if (countOrMinusOne < -1) {
            throw new IllegalArgumentException("Array length must be -1 (null) or more: " + countOrMinusOne);
        }
        writeUnsignedVarint(countOrMinusOne + 1);
    }

    // ------------------------------------------------------------------ tagged fields

    /** A tagged-field section with no fields: the single byte 0. */
    public void writeEmptyTaggedFields() {
        writeUnsignedVarint(0);
    }

    /** Starts a tagged-field section of {@code count} fields; follow with that many {@link #writeTaggedField} calls in ascending tag order. */
    public void writeTaggedFieldCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Tagged field count must not be negative: " + count);
        }
        writeUnsignedVarint(count);
    }

    /**
     * One tagged field: its tag, its size and its content. The content is written by {@code content}
     * twice, once to measure it (tagged fields announce their size first) and once for real.
     *
     * @param tag     the field's tag
     * @param content writes the field's bytes to the writer it is given
     */
    public void writeTaggedField(int tag, Consumer<ProtocolWriter> content) {
        ProtocolWriter meter = measuring();
        content.accept(meter);
        writeUnsignedVarint(tag);
        writeUnsignedVarint(meter.size());
        int before = size();
        content.accept(this);
        if (size() - before != meter.size()) {
            throw new IllegalStateException("Tagged field " + tag + " wrote " + (size() - before)
                    + " bytes after measuring " + meter.size());
        }
    }

    // ------------------------------------------------------------------ size prefixes

    /**
     * Reserves a 4-byte size prefix to be filled in later by {@link #patchSizePrefix}, for when the
     * size of what follows is not known up front.
     *
     * @return a mark to hand to {@link #patchSizePrefix}
     */
    public int reserveSizePrefix() {
        int mark = buffer == null ? measured : buffer.position();
        writeInt32(0);
        return mark;
    }

    /**
     * Writes, at {@code mark}, the number of bytes written after the reserved prefix.
     *
     * @param mark what {@link #reserveSizePrefix} returned
     */
    public void patchSizePrefix(int mark) {
        if (buffer == null) {
            return;
        }
        buffer.putInt(mark, buffer.position() - mark - 4);
    }

    // ------------------------------------------------------------------ capacity

    /** Makes room for {@code bytes} more; returns false when measuring (nothing is to be stored). */
    private boolean room(int bytes) {
        if (buffer == null) {
            measured += bytes;
            return false;
        }
        if (buffer.remaining() < bytes) {
            if (!growable) {
                throw new BufferOverflowException();
            }
            grow(bytes);
        }
        return true;
    }

    private void grow(int bytes) {
        int needed = buffer.position() + bytes;
        int capacity = Math.max(needed, Math.max(buffer.capacity() * 2, MIN_GROWTH));
        ByteBuffer bigger = ByteBuffer.allocate(capacity);
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
    }
}
