package dev.legacykafka.client.protocol.types;

import dev.legacykafka.client.errors.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Reads Kafka protocol primitives from a buffer, from its position to its limit.
 *
 * <p>Every read names the field it reads ({@code what}), and every failure — the buffer ending
 * inside a field, a negative length that is not the null marker, a length or count larger than
 * the bytes left — raises a {@link ProtocolException} that names that field and the offset, so a
 * bad frame never yields a half-read message nor an {@code OutOfMemoryError} from a forged count.
 * Offsets in messages are counted from where the reader started.
 *
 * <p>Reads advance the wrapped buffer's position. Not thread-safe.
 */
public final class ProtocolReader {

    private final ByteBuffer buffer;
    private final int start;

    /**
     * @param buffer the bytes to read, from its position to its limit
     */
    public ProtocolReader(ByteBuffer buffer) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.start = buffer.position();
    }

    /** Bytes not read yet. */
    public int remaining() {
        return buffer.remaining();
    }

    /** Bytes read so far. */
    public int position() {
        return buffer.position() - start;
    }

    /**
     * An independent reader over the same bytes from the current position on, for trying one
     * layout before another; reading it leaves this reader where it is.
     */
    public ProtocolReader fork() {
        return new ProtocolReader(buffer.duplicate());
    }

    /**
     * Skips {@code bytes} bytes.
     *
     * @param bytes how many
     * @param what  what is skipped, for the error message when fewer remain
     */
    public void skip(int bytes, String what) {
        checkedLength(bytes, what);
        buffer.position(buffer.position() + bytes);
    }

    /**
     * Fails when bytes are left: a message that does not end where its frame ends was misread.
     *
     * @param what the message that should have ended here, for the error message
     */
    public void ensureFullyRead(String what) {
        if (buffer.hasRemaining()) {
            throw new ProtocolException(what + " has " + buffer.remaining() + " unexpected trailing bytes after offset "
                    + position());
        }
    }

    // ------------------------------------------------------------------ fixed-width integers

    /** INT8. */
    public byte readInt8(String what) {
        require(1, what);
        return buffer.get();
    }

    /** BOOLEAN: any non-zero byte is true. */
    public boolean readBoolean(String what) {
        return readInt8(what) != 0;
    }

    /** INT16. */
    public short readInt16(String what) {
        require(2, what);
        return buffer.getShort();
    }

    /** INT32. */
    public int readInt32(String what) {
        require(4, what);
        return buffer.getInt();
    }

    /** INT64. */
    public long readInt64(String what) {
        require(8, what);
        return buffer.getLong();
    }

    /** UNSIGNED_VARINT of at most five bytes. */
    public int readUnsignedVarint(String what) {
        int value = 0;
        int at = position();
        for (int shift = 0; shift < 35; shift += 7) {
            if (!buffer.hasRemaining()) {
                throw new ProtocolException("Cannot read " + what + ": the data ends inside its varint at offset " + at);
            }
            byte b = buffer.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new ProtocolException("Cannot read " + what + ": varint at offset " + at + " is longer than 5 bytes");
    }

    /** UUID: 16 bytes, most significant half first. */
    public UUID readUuid(String what) {
        require(16, what);
        long most = buffer.getLong();
        long least = buffer.getLong();
        return new UUID(most, least);
    }

    // ------------------------------------------------------------------ strings

    /** STRING (int16 length); null is an error. */
    public String readString(String what) {
        String value = readNullableString(what);
        if (value == null) {
            throw new ProtocolException("Cannot read " + what + ": null where a string is required, at offset "
                    + (position() - 2));
        }
        return value;
    }

    /** NULLABLE_STRING (int16 length, -1 for null). */
    public String readNullableString(String what) {
        int length = readInt16(what);
        if (length == -1) {
            return null;
        }
        return utf8(checkedLength(length, what), what);
    }

    /** COMPACT_STRING (unsigned varint length + 1); null is an error. */
    public String readCompactString(String what) {
        int at = position();
        String value = readCompactNullableString(what);
        if (value == null) {
            throw new ProtocolException("Cannot read " + what + ": null where a string is required, at offset " + at);
        }
        return value;
    }

    /** COMPACT_NULLABLE_STRING (unsigned varint length + 1, 0 for null). */
    public String readCompactNullableString(String what) {
        int length = readUnsignedVarint(what) - 1;
        if (length == -1) {
            return null;
        }
        return utf8(checkedLength(length, what), what);
    }

    private String utf8(int length, String what) {
        require(length, what);
        String value;
        if (buffer.hasArray()) {
            value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
        } else {
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            value = new String(bytes, StandardCharsets.UTF_8);
        }
        return value;
    }

    // ------------------------------------------------------------------ bytes

    /** BYTES (int32 length); null is an error. */
    public byte[] readBytes(String what) {
        byte[] value = readNullableBytes(what);
        if (value == null) {
            throw new ProtocolException("Cannot read " + what + ": null where bytes are required, at offset "
                    + (position() - 4));
        }
        return value;
    }

    /** NULLABLE_BYTES (int32 length, -1 for null). */
    public byte[] readNullableBytes(String what) {
        int length = readInt32(what);
        if (length == -1) {
            return null;
        }
        return raw(checkedLength(length, what), what);
    }

    /** COMPACT_BYTES (unsigned varint length + 1); null is an error. */
    public byte[] readCompactBytes(String what) {
        int at = position();
        byte[] value = readCompactNullableBytes(what);
        if (value == null) {
            throw new ProtocolException("Cannot read " + what + ": null where bytes are required, at offset " + at);
        }
        return value;
    }

    /** COMPACT_NULLABLE_BYTES (unsigned varint length + 1, 0 for null). */
    public byte[] readCompactNullableBytes(String what) {
        int length = readUnsignedVarint(what) - 1;
        if (length == -1) {
            return null;
        }
        return raw(checkedLength(length, what), what);
    }

    private byte[] raw(int length, String what) {
        require(length, what);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    // ------------------------------------------------------------------ arrays

    /** ARRAY count (int32); a null array (-1) is an error. */
    public int readArrayLength(String what) {
        int count = readNullableArrayLength(what);
        if (count == -1) {
            throw new ProtocolException("Cannot read " + what + ": null where an array is required, at offset "
                    + (position() - 4));
        }
        return count;
    }

    /** ARRAY count (int32), -1 for a null array. */
    public int readNullableArrayLength(String what) {
        int count = readInt32(what);
        return count == -1 ? -1 : checkedCount(count, what);
    }

    /** COMPACT_ARRAY count (unsigned varint count + 1); a null array (0) is an error. */
    public int readCompactArrayLength(String what) {
        int at = position();
        int count = readCompactNullableArrayLength(what);
        if (count == -1) {
            throw new ProtocolException("Cannot read " + what + ": null where an array is required, at offset " + at);
        }
        return count;
    }

    /** COMPACT_ARRAY count (unsigned varint count + 1), -1 for a null array. */
    public int readCompactNullableArrayLength(String what) {
        int count = readUnsignedVarint(what) - 1;
        return count == -1 ? -1 : checkedCount(count, what);
    }

    // ------------------------------------------------------------------ tagged fields

    /** Reads one tagged field's content; see {@link #readTaggedFields}. */
    @FunctionalInterface
    public interface TaggedFieldReader {
        /**
         * @param tag the field's tag
         * @param in  a reader limited to the field's bytes
         * @return true if the tag was known and its content read, false to have it skipped
         */
        boolean read(int tag, ProtocolReader in);
    }

    /**
     * Reads a tagged-field section. Each field is handed to {@code fields} with the reader limited to
     * that field's size; a known field must be read to its last byte, an unknown one (false) is
     * skipped, which is how newer brokers add fields older clients never see.
     *
     * @param what   the section's owner, for error messages
     * @param fields reads the tags the caller knows; null to skip every tag
     */
    public void readTaggedFields(String what, TaggedFieldReader fields) {
        int count = readUnsignedVarint(what + " tagged field count");
        checkedCount(count, what + " tagged field count");
        for (int i = 0; i < count; i++) {
            int tag = readUnsignedVarint(what + " tag");
            int size = readUnsignedVarint(what + " tag " + tag + " size");
            checkedLength(size, what + " tag " + tag);
            int fieldEnd = buffer.position() + size;
            if (fields == null) {
                buffer.position(fieldEnd);
                continue;
            }
            int limit = buffer.limit();
            buffer.limit(fieldEnd);
            boolean known;
            try {
                known = fields.read(tag, this);
                if (known && buffer.hasRemaining()) {
                    throw new ProtocolException(what + " tag " + tag + " declares " + size + " bytes but "
                            + buffer.remaining() + " were left unread");
                }
            } finally {
                buffer.limit(limit);
            }
            buffer.position(fieldEnd);
        }
    }

    /** Reads a tagged-field section and ignores every field in it. */
    public void skipTaggedFields(String what) {
        readTaggedFields(what, null);
    }

    // ------------------------------------------------------------------ checks

    private void require(int bytes, String what) {
        if (buffer.remaining() < bytes) {
            throw new ProtocolException("Cannot read " + what + ": needs " + bytes + " bytes at offset " + position()
                    + " but only " + buffer.remaining() + " remain");
        }
    }

    private int checkedLength(int length, String what) {
        if (length < 0) {
            throw new ProtocolException("Cannot read " + what + ": invalid length " + length + " before offset "
                    + position());
        }
        if (length > buffer.remaining()) {
            throw new ProtocolException("Cannot read " + what + ": length " + length + " at offset " + position()
                    + " exceeds the " + buffer.remaining() + " bytes that remain");
        }
        return length;
    }

    private int checkedCount(int count, String what) {
        // Every element takes at least one byte, so a count above the remaining bytes is forged or
        // misaligned; refusing it here also stops a huge allocation for the element list.
        if (count < 0) {
            throw new ProtocolException("Cannot read " + what + ": invalid count " + count + " before offset "
                    + position());
        }
        if (count > buffer.remaining()) {
            throw new ProtocolException("Cannot read " + what + ": count " + count + " at offset " + position()
                    + " exceeds the " + buffer.remaining() + " bytes that remain");
        }
        return count;
    }
}
