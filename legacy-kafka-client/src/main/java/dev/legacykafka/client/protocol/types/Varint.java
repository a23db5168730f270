package dev.legacykafka.client.protocol.types;

import java.nio.ByteBuffer;

/**
 * Variable-length integers as Kafka writes them: base-128, least significant group first,
 * high bit set on every byte but the last.
 *
 * <p>Unsigned varints carry the lengths of flexible-version (KIP-482) compact strings, arrays
 * and tagged fields. Signed varints and varlongs use zig-zag encoding (so -1 is one byte) and
 * carry the lengths, deltas and counts inside a magic-2 record.
 */
public final class Varint {

    private Varint() {
    }

    /** Writes {@code value} as an unsigned varint; negative ints are treated as their unsigned 32-bit value. */
    public static void writeUnsignedVarint(int value, ByteBuffer out) {
        while ((value & 0xFFFFFF80) != 0) {
            out.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    /** Writes {@code value} zig-zag encoded as a varint. */
    public static void writeVarint(int value, ByteBuffer out) {
        writeUnsignedVarint((value << 1) ^ (value >> 31), out);
    }

    /** Writes {@code value} zig-zag encoded as a varlong. */
    public static void writeVarlong(long value, ByteBuffer out) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xFFFFFFFFFFFFFF80L) != 0L) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    /**
     * Writes {@code value} zig-zag encoded as a varint into {@code out} at {@code index}, which must
     * have room (at most five bytes; {@link #sizeOfVarint}).
     *
     * @return the index after the varint
     */
    public static int writeVarint(int value, byte[] out, int index) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xFFFFFF80) != 0) {
            out[index++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[index++] = (byte) v;
        return index;
    }

    /**
     * Writes {@code value} zig-zag encoded as a varlong into {@code out} at {@code index}, which must
     * have room (at most ten bytes; {@link #sizeOfVarlong}).
     *
     * @return the index after the varlong
     */
    public static int writeVarlong(long value, byte[] out, int index) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xFFFFFFFFFFFFFF80L) != 0L) {
            out[index++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[index++] = (byte) v;
        return index;
    }

    /**
     * Reads an unsigned varint of at most five bytes.
     *
     * @throws IllegalArgumentException if the encoding runs past five bytes
     * @throws java.nio.BufferUnderflowException if the buffer ends inside the varint
     */
    public static int readUnsignedVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("Varint is longer than 5 bytes");
    }

    /** Reads a zig-zag encoded varint. */
    public static int readVarint(ByteBuffer in) {
        int raw = readUnsignedVarint(in);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** Reads a zig-zag encoded varlong of at most ten bytes. */
    public static long readVarlong(ByteBuffer in) {
        long value = 0L;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new IllegalArgumentException("Varlong is longer than 10 bytes");
    }

    /** Number of bytes {@link #writeUnsignedVarint} uses for {@code value}. */
    public static int sizeOfUnsignedVarint(int value) {
        // One byte per started group of 7 significant bits; zero still takes one byte.
        int significantBits = 32 - Integer.numberOfLeadingZeros(value);
        return significantBits == 0 ? 1 : (significantBits + 6) / 7;
    }

    /** Number of bytes {@link #writeVarint} uses for {@code value}. */
    public static int sizeOfVarint(int value) {
        return sizeOfUnsignedVarint((value << 1) ^ (value >> 31));
    }

    /** Number of bytes {@link #writeVarlong} uses for {@code value}. */
    public static int sizeOfVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int significantBits = 64 - Long.numberOfLeadingZeros(v);
        return significantBits == 0 ? 1 : (significantBits + 6) / 7;
    }
}
