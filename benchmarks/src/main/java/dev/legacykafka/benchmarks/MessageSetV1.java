package dev.legacykafka.benchmarks;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The replay's own encoder of an uncompressed message set of magic 1, the record format of
 * Produce v2 and the newest a 0.10.x broker takes (it has no RecordBatch). Independent of
 * legacy-kafka's encoder, so the ceiling does not share its mistakes.
 *
 * <p>Each message: offset (int64), size (int32), CRC-32 (of everything after it), magic 1,
 * attributes 0 (no compression, CreateTime), timestamp (int64), key and value (int32 length, -1
 * for null, then the bytes). All messages of a replayed set are the same record, and the CRC does
 * not cover the offset, so after a new timestamp one CRC serves every message: {@link #stamp}
 * computes it once and writes it into each.
 */
final class MessageSetV1 {

    static final byte MAGIC = 1;
    /** Offset and size fields before each message. */
    static final int LOG_OVERHEAD = 12;
    static final int CRC_OFFSET = LOG_OVERHEAD;
    static final int MAGIC_OFFSET = CRC_OFFSET + 4;
    static final int TIMESTAMP_OFFSET = MAGIC_OFFSET + 2;
    /** CRC, magic, attributes, timestamp, key length, value length. */
    private static final int MESSAGE_HEADER = 4 + 1 + 1 + 8 + 4 + 4;

    private MessageSetV1() {
    }

    /** Bytes of one message in the set, its offset and size fields included. */
    static int entrySize(byte[] key, byte[] value) {
        return LOG_OVERHEAD + MESSAGE_HEADER + (key == null ? 0 : key.length) + value.length;
    }

    /**
     * How many messages of this shape fit in {@code batchSize} bytes (at least one), as a producer
     * fills a magic-1 batch: the set has no header, so just the messages.
     */
    static int recordsPerBatch(byte[] key, byte[] value, int batchSize) {
        return Math.max(1, batchSize / entrySize(key, value));
    }

    /** {@code records} copies of the record, offsets 0 to records - 1, timestamp 0, CRCs set. */
    static byte[] encode(byte[] key, byte[] value, int records) {
        int entry = entrySize(key, value);
        ByteBuffer b = ByteBuffer.allocate(entry * records);
        for (int i = 0; i < records; i++) {
            b.putLong(i); // the broker assigns the real offsets
            b.putInt(entry - LOG_OVERHEAD);
            b.putInt(0); // crc, set by stamp
            b.put(MAGIC);
            b.put((byte) 0); // attributes
            b.putLong(0); // timestamp, set by stamp
            if (key == null) {
                b.putInt(-1);
            } else {
                b.putInt(key.length).put(key);
            }
            b.putInt(value.length).put(value);
        }
        byte[] set = b.array();
        stamp(set, 0, set.length, 0);
        return set;
    }

    /**
     * Sets every message's timestamp in the set at {@code bytes[at, at + length)} and its CRC.
     * The messages must be the same record (as {@link #encode} makes them).
     */
    static void stamp(byte[] bytes, int at, int length, long timestamp) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int entry = LOG_OVERHEAD + b.getInt(at + LOG_OVERHEAD - 4);
        b.putLong(at + TIMESTAMP_OFFSET, timestamp);
        CRC32 crc = new CRC32();
        crc.update(bytes, at + MAGIC_OFFSET, entry - MAGIC_OFFSET);
        int value = (int) crc.getValue();
        for (int message = at; message < at + length; message += entry) {
            b.putLong(message + TIMESTAMP_OFFSET, timestamp);
            b.putInt(message + CRC_OFFSET, value);
        }
    }
}
