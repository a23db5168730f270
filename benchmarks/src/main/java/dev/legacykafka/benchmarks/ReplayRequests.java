package dev.legacykafka.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Encodes the replay client's requests: a Produce v3 request (size-prefixed, ready for the socket)
 * carrying one uncompressed RecordBatch (magic 2) of one partition, filled with as many records as
 * fit in {@code batch.size}, the way a producer fills a batch. The replay client sends such a frame
 * over and over, patching only the correlation id, the timestamps, the base sequence (when
 * idempotent) and so the CRC.
 *
 * <p>Produce v3 is the oldest version Kafka 4.x accepts and the newest before flexible encoding;
 * the broker validates and appends its RecordBatch exactly as it would a newer version's. Brokers
 * before 0.11 have neither Produce v3 nor RecordBatch: for them the request is Produce v2 carrying
 * an uncompressed message set of magic 1 ({@link MessageSetV1}), whose messages' timestamps and
 * CRCs are patched instead.
 */
final class ReplayRequests {

    static final short PRODUCE = 0;
    /** The Produce version for RecordBatch, and the one for brokers before 0.11 (magic-1 message set). */
    static final short PRODUCE_VERSION = 3;
    static final short PRODUCE_VERSION_MESSAGE_SET = 2;

    /** RecordBatch v2 header: offsets of the fields the replay client patches. */
    static final int BATCH_LENGTH_OFFSET = 8;
    static final int CRC_OFFSET = 17;
    static final int ATTRIBUTES_OFFSET = 21;
    static final int BASE_TIMESTAMP_OFFSET = 27;
    static final int MAX_TIMESTAMP_OFFSET = 35;
    static final int PRODUCER_ID_OFFSET = 43;
    static final int PRODUCER_EPOCH_OFFSET = 51;
    static final int BASE_SEQUENCE_OFFSET = 53;
    static final int RECORDS_COUNT_OFFSET = 57;
    static final int BATCH_HEADER_SIZE = 61;

    private ReplayRequests() {
    }

    /** One encoded request and where its batches (one per partition) sit in it. */
    static final class Frame {
        final byte[] bytes;
        final int[] batchOffsets;
        /** Bytes of each batch (all are the same length). */
        final int batchLength;
        /** 2 for a RecordBatch, 1 for a magic-1 message set. */
        final byte magic;
        final int[] partitions;
        final int recordsPerBatch;
        /** Records in the whole request. */
        final int records;
        /** The partition of a one-partition request (the first one otherwise). */
        final int partition;

        Frame(byte[] bytes, int[] batchOffsets, int batchLength, byte magic, int[] partitions, int recordsPerBatch) {
            this.bytes = bytes;
            this.batchOffsets = batchOffsets;
            this.batchLength = batchLength;
            this.magic = magic;
            this.partitions = partitions;
            this.recordsPerBatch = recordsPerBatch;
            this.records = recordsPerBatch * partitions.length;
            this.partition = partitions[0];
        }

        void correlationId(int id) {
            ByteBuffer.wrap(bytes).putInt(8, id);
        }

        /** {@link #stamp(long, long, short, int, int)} of a one-partition request. */
        void stamp(long timestamp, long producerId, short epoch, int baseSequence) {
            stamp(timestamp, producerId, epoch, 0, baseSequence);
        }

        /**
         * Sets the timestamps of batch {@code index} and, for an idempotent producer, its producer
         * id, epoch and base sequence, then recomputes its CRC (which covers everything from the
         * attributes on). A magic-1 set gets its messages' timestamps and CRCs; it has no producer id.
         */
        void stamp(long timestamp, long producerId, short epoch, int index, int baseSequence) {
            int at = batchOffsets[index];
            if (magic == MessageSetV1.MAGIC) {
                MessageSetV1.stamp(bytes, at, batchLength, timestamp);
                return;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            int end = at + 12 + b.getInt(at + BATCH_LENGTH_OFFSET);
            b.putLong(at + BASE_TIMESTAMP_OFFSET, timestamp);
            b.putLong(at + MAX_TIMESTAMP_OFFSET, timestamp);
            b.putLong(at + PRODUCER_ID_OFFSET, producerId);
            b.putShort(at + PRODUCER_EPOCH_OFFSET, epoch);
            b.putInt(at + BASE_SEQUENCE_OFFSET, baseSequence);
            CRC32C crc = new CRC32C();
            crc.update(bytes, at + ATTRIBUTES_OFFSET, end - at - ATTRIBUTES_OFFSET);
            b.putInt(at + CRC_OFFSET, (int) crc.getValue());
        }
    }

    /**
     * How many records of this shape a producer puts into a batch of {@code batchSize} bytes (at
     * least one), for the record format of the Produce version.
     */
    static int recordsPerBatch(short produceVersion, byte[] key, byte[] value, int batchSize) {
        return produceVersion < PRODUCE_VERSION ? MessageSetV1.recordsPerBatch(key, value, batchSize)
                : recordsPerBatch(key, value, batchSize);
    }

    /** How many records of this shape a producer puts into a RecordBatch of {@code batchSize} bytes (at least one). */
    static int recordsPerBatch(byte[] key, byte[] value, int batchSize) {
        int n = 0;
        int size = BATCH_HEADER_SIZE;
        while (true) {
            int next = size + recordSize(n, key, value);
            if (next > batchSize && n > 0) {
                return n;
            }
            size = next;
            n++;
        }
    }

    /**
     * A Produce v3 request for {@code records} copies of the record to one partition.
     *
     * @param acks -1, 0 or 1
     */
    static Frame produce(String clientId, short acks, int timeoutMs, String topic, int partition, byte[] key,
                         byte[] value, int records) {
        return produce(PRODUCE_VERSION, clientId, acks, timeoutMs, topic, new int[] {partition}, key, value, records);
    }

    /**
     * A Produce v3 request carrying a batch of {@code records} copies of the record for each of
     * {@code partitions}, as a producer sends the ready batches of all partitions led by one broker.
     *
     * @param produceVersion 3 (a RecordBatch each) or 2 (a magic-1 message set each, for brokers before 0.11)
     * @param acks           -1, 0 or 1
     */
    static Frame produce(short produceVersion, String clientId, short acks, int timeoutMs, String topic,
                         int[] partitions, byte[] key, byte[] value, int records) {
        boolean messageSet = produceVersion < PRODUCE_VERSION;
        byte[] batch = messageSet ? MessageSetV1.encode(key, value, records) : batch(key, value, records);
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        byte[] client = clientId.getBytes(StandardCharsets.UTF_8);
        int size = 2 + 2 + 4 + 2 + client.length // header v1
                + (messageSet ? 0 : 2) // transactional_id (v3 on): null
                + 2 + 4 // acks, timeout
                + 4 + 2 + topicBytes.length // one topic
                + 4 + partitions.length * (4 + 4 + batch.length); // partitions: index, records (bytes)
        ByteBuffer b = ByteBuffer.allocate(4 + size);
        b.putInt(size);
        b.putShort(PRODUCE).putShort(produceVersion).putInt(0).putShort((short) client.length).put(client);
        if (!messageSet) {
            b.putShort((short) -1);
        }
        b.putShort(acks).putInt(timeoutMs);
        b.putInt(1).putShort((short) topicBytes.length).put(topicBytes);
        b.putInt(partitions.length);
        int[] offsets = new int[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            b.putInt(partitions[i]).putInt(batch.length);
            offsets[i] = b.position();
            b.put(batch);
        }
        return new Frame(b.array(), offsets, batch.length, messageSet ? MessageSetV1.MAGIC : 2, partitions.clone(),
                records);
    }

    /** An uncompressed RecordBatch v2 of {@code records} copies of the record, no producer id, CRC set. */
    static byte[] batch(byte[] key, byte[] value, int records) {
        int size = BATCH_HEADER_SIZE;
        for (int i = 0; i < records; i++) {
            size += recordSize(i, key, value);
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putLong(0); // base offset: the broker assigns it
        b.putInt(size - 12); // batch length: from the partition leader epoch on
        b.putInt(-1); // partition leader epoch
        b.put((byte) 2); // magic
        b.putInt(0); // crc, below
        b.putShort((short) 0); // attributes: no compression, CreateTime, not transactional
        b.putInt(records - 1); // last offset delta
        b.putLong(0).putLong(0); // base and max timestamp (stamped before each send)
        b.putLong(-1).putShort((short) -1).putInt(-1); // producer id, epoch, base sequence: none
        b.putInt(records);
        for (int i = 0; i < records; i++) {
            putVarint(b, bodySize(i, key, value));
            b.put((byte) 0); // attributes
            putVarlong(b, 0); // timestamp delta
            putVarint(b, i); // offset delta
            if (key == null) {
                putVarint(b, -1);
            } else {
                putVarint(b, key.length);
                b.put(key);
            }
            putVarint(b, value.length);
            b.put(value);
            putVarint(b, 0); // headers
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), ATTRIBUTES_OFFSET, size - ATTRIBUTES_OFFSET);
        b.putInt(CRC_OFFSET, (int) crc.getValue());
        return b.array();
    }

    private static int recordSize(int offsetDelta, byte[] key, byte[] value) {
        int body = bodySize(offsetDelta, key, value);
        return varintSize(body) + body;
    }

    private static int bodySize(int offsetDelta, byte[] key, byte[] value) {
        return 1 + varintSize(0) + varintSize(offsetDelta)
                + (key == null ? varintSize(-1) : varintSize(key.length) + key.length)
                + varintSize(value.length) + value.length + varintSize(0);
    }

    static int varintSize(int value) {
        int v = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((v & 0xffffff80) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    static void putVarint(ByteBuffer b, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            b.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        b.put((byte) v);
    }

    private static void putVarlong(ByteBuffer b, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xffffffffffffff80L) != 0) {
            b.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        b.put((byte) v);
    }
}
