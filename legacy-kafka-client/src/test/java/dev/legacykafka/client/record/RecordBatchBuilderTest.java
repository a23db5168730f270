package dev.legacykafka.client.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class RecordBatchBuilderTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Header[] NO_HEADERS = new Header[0];

    @Test
    void oneRecordWithNullKeyAndValueAIsTheDocumentedEightBytes() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, 1024);
        assertThat(builder.tryAppend(1_000L, null, bytes("a"), null)).isTrue();

        ByteBuffer batch = builder.build();

        assertThat(batch.position()).isZero();
        assertThat(batch.limit()).isEqualTo(69);
        assertThat(hex(batch, 61, 8)).isEqualTo("0e00000001026100");
        assertThat(batch.getInt(8)).as("batchLength").isEqualTo(57);
        assertThat(batch.getInt(23)).as("lastOffsetDelta").isZero();
        assertThat(batch.getInt(57)).as("recordsCount").isEqualTo(1);
    }

    @Test
    void fullBatchMatchesVectorByteForByteIncludingCrc32c() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, 1024);
        builder.tryAppend(1_700_000_000_000L, null, bytes("a"), NO_HEADERS);
        builder.tryAppend(1_700_000_000_005L, bytes("k"), bytes("vv"),
                new Header[] {new Header("h", bytes("x")), new Header("n", null)});
        builder.tryAppend(1_699_999_999_999L, new byte[0], null, null);

        ByteBuffer batch = builder.build();

        // Vector produced by kafka-clients 4.4 MemoryRecordsBuilder for the same three records.
        String expected = ""
                + "0000000000000000"   // baseOffset 0
                + "00000051"           // batchLength 81
                + "ffffffff"           // partitionLeaderEpoch -1
                + "02"                 // magic
                + "9b36af80"           // CRC-32C of attributes..end
                + "0000"               // attributes: no codec, CreateTime, not transactional
                + "00000002"           // lastOffsetDelta
                + "0000018bcfe56800"   // baseTimestamp = first record's
                + "0000018bcfe56805"   // maxTimestamp
                + "ffffffffffffffff"   // producerId -1
                + "ffff"               // producerEpoch -1
                + "ffffffff"           // baseSequence -1
                + "00000003"           // recordsCount
                + "0e" + "00" + "00" + "00" + "01" + "0261" + "00"
                + "20" + "00" + "0a" + "02" + "026b" + "047676" + "04" + "0268" + "0278" + "026e" + "01"
                + "0c" + "00" + "01" + "04" + "00" + "01" + "00";
        assertThat(hex(batch, 0, batch.limit())).isEqualTo(expected);
    }

    @Test
    void crcCoversAttributesToTheEndButNotTheLeaderEpoch() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, 1024);
        builder.tryAppend(5L, bytes("key"), bytes("value"), null);
        ByteBuffer batch = builder.build();

        CRC32C crc = new CRC32C();
        crc.update(batch.duplicate().position(21));
        assertThat(batch.getInt(17)).isEqualTo((int) crc.getValue());
        assertThat(batch.getInt(12)).isEqualTo(-1);
    }

    @Test
    void buildStampsIdempotenceFieldsAndTransactionalBit() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, true, 1024);
        builder.tryAppend(5L, bytes("key"), bytes("value"), null);

        ByteBuffer batch = builder.build(1234L, (short) 7, 99);

        assertThat(batch.getShort(21)).as("attributes").isEqualTo((short) 0x10);
        assertThat(batch.getLong(43)).isEqualTo(1234L);
        assertThat(batch.getShort(51)).isEqualTo((short) 7);
        assertThat(batch.getInt(53)).isEqualTo(99);
        assertThat(builder.isTransactional()).isTrue();
    }

    @Test
    void buildingAgainRestampsTheSameBytesWithANewCrc() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.GZIP, false, 1024);
        builder.tryAppend(5L, bytes("key"), bytes("value"), null);
        ByteBuffer first = builder.build(1L, (short) 0, 0);
        String firstHex = hex(first, 0, first.limit());
        int firstCrc = first.getInt(17);

        ByteBuffer second = builder.build(1L, (short) 1, 10);

        assertThat(second.limit()).isEqualTo(first.limit());
        assertThat(second.getShort(51)).isEqualTo((short) 1);
        assertThat(second.getInt(53)).isEqualTo(10);
        assertThat(second.getInt(17)).isNotEqualTo(firstCrc);
        // Everything but epoch, sequence and CRC is unchanged.
        String secondHex = hex(second, 0, second.limit());
        assertThat(secondHex.substring(0, 34)).isEqualTo(firstHex.substring(0, 34));
        assertThat(secondHex.substring(42, 102)).isEqualTo(firstHex.substring(42, 102));
        assertThat(secondHex.substring(114)).isEqualTo(firstHex.substring(114));
    }

    @Test
    void restampOfABatchInsideALargerBufferTouchesOnlyThatBatch() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, 1024);
        builder.tryAppend(5L, bytes("key"), bytes("value"), null);
        ByteBuffer batch = builder.build();
        ByteBuffer request = ByteBuffer.allocate(10 + batch.limit() + 10).order(ByteOrder.LITTLE_ENDIAN);
        request.position(10);
        request.put(batch.duplicate());
        request.position(10);

        RecordBatchBuilder.restamp(request, 77L, (short) 2, 500);

        assertThat(request.position()).isEqualTo(10);
        assertThat(request.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer restamped = request.duplicate().order(ByteOrder.BIG_ENDIAN).position(10).slice();
        assertThat(restamped.getLong(43)).isEqualTo(77L);
        assertThat(restamped.getShort(51)).isEqualTo((short) 2);
        assertThat(restamped.getInt(53)).isEqualTo(500);
        CRC32C crc = new CRC32C();
        crc.update(restamped.duplicate().position(21).limit(batch.limit()));
        assertThat(restamped.getInt(17)).isEqualTo((int) crc.getValue());
        assertThat(request.get(0)).isZero();
        assertThat(request.get(request.capacity() - 1)).isZero();
    }

    @Test
    void restampRejectsBytesThatAreNotAMagic2Batch() {
        LegacyMessageSetBuilder builder = new LegacyMessageSetBuilder((byte) 1, CompressionType.NONE, 1024);
        builder.tryAppend(0L, null, new byte[64], null);
        ByteBuffer legacy = builder.build();

        assertThatThrownBy(() -> RecordBatchBuilder.restamp(legacy, 1L, (short) 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("magic-2");
    }

    @Test
    void refusesARecordThatWouldPassTheSizeLimit() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, 100);
        assertThat(builder.tryAppend(0L, null, new byte[20], null)).isTrue(); // 61 + 27 = 88
        int before = builder.estimatedSizeInBytes();

        assertThat(builder.tryAppend(0L, null, new byte[20], null)).isFalse();

        assertThat(builder.recordCount()).isEqualTo(1);
        assertThat(builder.estimatedSizeInBytes()).isEqualTo(before);
        assertThat(builder.build().limit()).isEqualTo(before);
    }

    @Test
    void acceptsARecordThatExactlyReachesTheLimit() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, 69 + 8);
        assertThat(builder.tryAppend(0L, null, bytes("a"), null)).isTrue();

        assertThat(builder.tryAppend(0L, null, bytes("b"), null)).isTrue(); // record 8 bytes: 0e 00 00 02 01 02 62 00

        assertThat(builder.build().limit()).isEqualTo(77);
    }

    @Test
    void theFirstRecordIsAcceptedEvenWhenLargerThanTheLimitAndTheBufferGrows() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, ByteBuffer.allocate(80), 64);
        byte[] big = new byte[10_000];
        big[9_999] = 42;

        assertThat(builder.tryAppend(0L, null, big, null)).isTrue();
        assertThat(builder.tryAppend(0L, null, bytes("x"), null)).isFalse();

        ByteBuffer batch = builder.build();
        assertThat(batch.limit()).isEqualTo(RecordsBuilder.sizeOfSingleRecordBatch((byte) 2, CompressionType.NONE,
                null, big, null));
        assertThat(batch.get(batch.limit() - 2)).isEqualTo((byte) 42);
    }

    @Test
    void suppliedBufferIsWrittenFromItsPositionAndKeepsItsState() {
        ByteBuffer pooled = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        pooled.position(100);
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, pooled, 4096);
        builder.tryAppend(1_000L, null, bytes("a"), null);

        ByteBuffer batch = builder.build();

        assertThat(pooled.position()).isEqualTo(100);
        assertThat(pooled.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(batch.getInt(8)).isEqualTo(57);
        assertThat(hex(batch, 61, 8)).isEqualTo("0e00000001026100");
        assertThat(pooled.get(100 + 61)).as("uncompressed batch is built in place").isEqualTo((byte) 0x0e);
    }

    @Test
    void smallBuffersGrowAcrossManyRecords() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, ByteBuffer.allocate(64), 1 << 20);
        int expectedSize = RecordBatchBuilder.RECORD_BATCH_OVERHEAD;
        for (int i = 0; i < 1000; i++) {
            assertThat(builder.tryAppend(i, bytes("k" + i), bytes("value-" + i), null)).isTrue();
        }

        ByteBuffer batch = builder.build();

        assertThat(builder.recordCount()).isEqualTo(1000);
        assertThat(batch.getInt(57)).isEqualTo(1000);
        assertThat(batch.getInt(23)).isEqualTo(999);
        assertThat(batch.limit()).isGreaterThan(expectedSize + 1000 * 10).isEqualTo(builder.estimatedSizeInBytes());
    }

    @Test
    void sizeOfSingleRecordBatchIsExact() {
        Header[] headers = {new Header("trace-id", bytes("abc")), new Header("é✓😀", null)};
        byte[][] values = {null, new byte[0], new byte[63], new byte[64], new byte[8192], new byte[100_000]};
        for (byte[] value : values) {
            RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, 1024);
            builder.tryAppend(123L, bytes("key"), value, headers);

            int size = RecordsBuilder.sizeOfSingleRecordBatch((byte) 2, CompressionType.NONE, bytes("key"), value, headers);

            assertThat(size).isEqualTo(builder.build().limit());
        }
    }

    @Test
    void headerKeysAreWrittenAsUtf8() {
        String key = "é✓😀\uD800!"; // 2 + 3 + 4 bytes, an unpaired surrogate becomes '?', then '!'
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.NONE, false, 1024);
        builder.tryAppend(0L, null, null, new Header[] {new Header(key, new byte[0])});

        ByteBuffer batch = builder.build();

        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        assertThat(utf8).hasSize(11);
        // length 19, attributes, tsDelta, offsetDelta, key -1, value -1, 1 header; then key length 11 → 0x16
        assertThat(hex(batch, 61, 7)).isEqualTo("26000000010102");
        assertThat(hex(batch, 68, 1 + utf8.length + 1)).isEqualTo("16" + HEX.formatHex(utf8) + "00");
    }

    @Test
    void compressedBatchCarriesTheCodecAndItsLength() {
        RecordBatchBuilder builder = new RecordBatchBuilder(CompressionType.LZ4, false, 1 << 20);
        for (int i = 0; i < 100; i++) {
            builder.tryAppend(i, null, bytes("the same value over and over"), null);
        }
        int uncompressed = builder.estimatedSizeInBytes();

        ByteBuffer batch = builder.build();

        assertThat(batch.getShort(21)).isEqualTo((short) 3);
        assertThat(batch.limit()).isLessThan(uncompressed);
        assertThat(batch.getInt(8)).isEqualTo(batch.limit() - 12);
        assertThat(batch.getInt(61)).as("LZ4 frame magic, little-endian").isEqualTo(0x04224d18);
        assertThat(builder.estimatedSizeInBytes()).isEqualTo(batch.limit());
    }

    @Test
    void appendingAfterBuildOrBuildingNothingFails() {
        RecordBatchBuilder empty = new RecordBatchBuilder(CompressionType.NONE, false, 1024);
        assertThatThrownBy(empty::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");

        RecordBatchBuilder built = new RecordBatchBuilder(CompressionType.NONE, false, 1024);
        built.tryAppend(0L, null, null, null);
        built.build();
        assertThatThrownBy(() -> built.tryAppend(0L, null, null, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reportsItsFormat() {
        RecordsBuilder builder = RecordsBuilder.create((byte) 2, CompressionType.ZSTD, 1024);

        assertThat(builder).isInstanceOf(RecordBatchBuilder.class);
        assertThat(builder.magic()).isEqualTo((byte) 2);
        assertThat(builder.compression()).isEqualTo(CompressionType.ZSTD);
        assertThat(builder.isEmpty()).isTrue();
        assertThatThrownBy(() -> RecordsBuilder.create((byte) 3, CompressionType.NONE, 1024))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String hex(ByteBuffer buffer, int from, int length) {
        byte[] out = new byte[length];
        buffer.get(from, out);
        return HEX.formatHex(out);
    }
}
