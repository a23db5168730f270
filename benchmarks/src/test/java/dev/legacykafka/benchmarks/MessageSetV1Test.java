package dev.legacykafka.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The replay's magic-1 message set, read back by a decoder written here from the format and by
 * kafka-clients 3.9.1's own reader (the 4.x on the classpath reads magic 2 only).
 */
class MessageSetV1Test {

    private static final byte[] VALUE = "0123456789".repeat(10).getBytes(StandardCharsets.US_ASCII);
    private static final long TIMESTAMP = 1_796_320_000_123L;

    @Test
    void aProducersBatchOf64KiBHolds489RecordsOf100Bytes() {
        assertThat(MessageSetV1.entrySize(null, VALUE)).isEqualTo(134);
        assertThat(MessageSetV1.recordsPerBatch(null, VALUE, 65_536)).isEqualTo(489);
        assertThat(MessageSetV1.recordsPerBatch(null, VALUE, 10)).isEqualTo(1);
        assertThat(ReplayRequests.recordsPerBatch(ReplayRequests.PRODUCE_VERSION_MESSAGE_SET, null, VALUE, 65_536))
                .isEqualTo(489);
    }

    @Test
    void everyMessageDecodesWithItsTimestampAndAValidCrc() {
        byte[] key = "k".getBytes(StandardCharsets.US_ASCII);
        for (byte[] k : new byte[][] {null, key}) {
            byte[] set = MessageSetV1.encode(k, VALUE, 5);
            MessageSetV1.stamp(set, 0, set.length, TIMESTAMP);
            ByteBuffer b = ByteBuffer.wrap(set);
            for (int i = 0; i < 5; i++) {
                assertThat(b.getLong()).isEqualTo(i);
                int size = b.getInt();
                int start = b.position();
                long crc = Integer.toUnsignedLong(b.getInt());
                CRC32 expected = new CRC32();
                expected.update(set, start + 4, size - 4);
                assertThat(crc).isEqualTo(expected.getValue());
                assertThat(b.get()).isEqualTo((byte) 1); // magic
                assertThat(b.get()).isZero(); // attributes: no compression, CreateTime
                assertThat(b.getLong()).isEqualTo(TIMESTAMP);
                int keyLength = b.getInt();
                if (k == null) {
                    assertThat(keyLength).isEqualTo(-1);
                } else {
                    byte[] readKey = new byte[keyLength];
                    b.get(readKey);
                    assertThat(readKey).isEqualTo(k);
                }
                byte[] value = new byte[b.getInt()];
                b.get(value);
                assertThat(value).isEqualTo(VALUE);
                assertThat(b.position()).isEqualTo(start + size);
            }
            assertThat(b.hasRemaining()).isFalse();
        }
    }

    @Test
    void kafkaClients391ReadsTheSetAsValidMagic1Records() throws Exception {
        byte[] set = MessageSetV1.encode(null, VALUE, 3);
        MessageSetV1.stamp(set, 0, set.length, TIMESTAMP);
        try (IsolatedKafkaClients loader = IsolatedKafkaClients.of(IsolatedKafkaClients.defaultDirectory())) {
            Class<?> memoryRecords = Class.forName("org.apache.kafka.common.record.MemoryRecords", true, loader);
            Class<?> batchType = Class.forName("org.apache.kafka.common.record.RecordBatch", true, loader);
            Class<?> recordType = Class.forName("org.apache.kafka.common.record.Record", true, loader);
            Object records = memoryRecords.getMethod("readableRecords", ByteBuffer.class)
                    .invoke(null, ByteBuffer.wrap(set));
            Method magic = batchType.getMethod("magic");
            Method batchValid = batchType.getMethod("isValid");
            Method compression = batchType.getMethod("compressionType");
            Method timestamp = recordType.getMethod("timestamp");
            Method hasKey = recordType.getMethod("hasKey");
            Method value = recordType.getMethod("value");
            Method ensureValid = recordType.getMethod("ensureValid");
            int count = 0;
            for (Object batch : (Iterable<?>) memoryRecords.getMethod("batches").invoke(records)) {
                assertThat(magic.invoke(batch)).isEqualTo((byte) 1);
                assertThat(batchValid.invoke(batch)).isEqualTo(true);
                assertThat(compression.invoke(batch)).hasToString("none");
                for (Iterator<?> it = ((Iterable<?>) batch).iterator(); it.hasNext(); count++) {
                    Object record = it.next();
                    ensureValid.invoke(record); // throws on a CRC mismatch
                    assertThat(timestamp.invoke(record)).isEqualTo(TIMESTAMP);
                    assertThat(hasKey.invoke(record)).isEqualTo(false);
                    ByteBuffer v = (ByteBuffer) value.invoke(record);
                    byte[] bytes = new byte[v.remaining()];
                    v.get(bytes);
                    assertThat(bytes).isEqualTo(VALUE);
                }
            }
            assertThat(count).isEqualTo(3);
            // The reader does check: one value byte changed, and that message's CRC no longer holds.
            set[set.length - 1] ^= 1;
            Object corrupted = memoryRecords.getMethod("readableRecords", ByteBuffer.class)
                    .invoke(null, ByteBuffer.wrap(set));
            Object last = null;
            for (Object batch : (Iterable<?>) memoryRecords.getMethod("batches").invoke(corrupted)) {
                last = batch;
            }
            assertThat(batchValid.invoke(last)).isEqualTo(false);
        }
    }

    @Test
    void aProduceV2RequestCarriesTheSetWithoutATransactionalId() {
        ReplayRequests.Frame frame = ReplayRequests.produce(ReplayRequests.PRODUCE_VERSION_MESSAGE_SET, "c", (short) 1,
                30_000, "t", new int[] {0, 2}, null, VALUE, 4);
        assertThat(frame.magic).isEqualTo(MessageSetV1.MAGIC);
        assertThat(frame.records).isEqualTo(8);
        ByteBuffer b = ByteBuffer.wrap(frame.bytes);
        assertThat(b.getInt()).isEqualTo(frame.bytes.length - 4);
        assertThat(b.getShort()).isEqualTo(ReplayRequests.PRODUCE);
        assertThat(b.getShort()).isEqualTo((short) 2);
        b.getInt(); // correlation id
        assertThat(b.getShort()).isEqualTo((short) 1);
        assertThat(b.get()).isEqualTo((byte) 'c');
        assertThat(b.getShort()).isEqualTo((short) 1); // acks straight after the client id
        assertThat(b.getInt()).isEqualTo(30_000);
        assertThat(b.getInt()).isEqualTo(1);
        assertThat(b.getShort()).isEqualTo((short) 1);
        assertThat(b.get()).isEqualTo((byte) 't');
        assertThat(b.getInt()).isEqualTo(2);
        assertThat(b.getInt()).isZero();
        assertThat(b.getInt()).isEqualTo(4 * 134);
        assertThat(b.position()).isEqualTo(frame.batchOffsets[0]);

        frame.stamp(TIMESTAMP, -1, (short) -1, 1, -1);
        int second = frame.batchOffsets[1];
        for (int m = 0; m < 4; m++) {
            int at = second + m * 134;
            assertThat(b.getLong(at + MessageSetV1.TIMESTAMP_OFFSET)).isEqualTo(TIMESTAMP);
            CRC32 crc = new CRC32();
            crc.update(frame.bytes, at + MessageSetV1.MAGIC_OFFSET, 134 - MessageSetV1.MAGIC_OFFSET);
            assertThat(Integer.toUnsignedLong(b.getInt(at + MessageSetV1.CRC_OFFSET))).isEqualTo(crc.getValue());
        }
        // The other partition's set is left as it was.
        assertThat(b.getLong(frame.batchOffsets[0] + MessageSetV1.TIMESTAMP_OFFSET)).isZero();
    }
}
