package dev.legacykafka.client.record;

import static dev.legacykafka.client.record.RecordBatchBuilderTest.bytes;
import static dev.legacykafka.client.record.RecordBatchBuilderTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyMessageSetBuilderTest {

    @Test
    void magic0MessageMatchesVectorByteForByte() {
        LegacyMessageSetBuilder builder = new LegacyMessageSetBuilder((byte) 0, CompressionType.NONE, 1024);
        builder.tryAppend(1_000L, bytes("k"), bytes("v"), null);

        ByteBuffer set = builder.build();

        // CRC-32 1fecd70a = zlib.crc32(00 00 00000001 6b 00000001 76), computed with Python.
        assertThat(hex(set, 0, set.limit())).isEqualTo(""
                + "0000000000000000"  // offset 0
                + "00000010"          // message size 16
                + "1fecd70a"          // crc
                + "00"                // magic 0
                + "00"                // attributes
                + "00000001" + "6b"   // key "k"
                + "00000001" + "76"); // value "v"
    }

    @Test
    void magic1MessageCarriesTheTimestampAndNullKey() {
        LegacyMessageSetBuilder builder = new LegacyMessageSetBuilder((byte) 1, CompressionType.NONE, 1024);
        builder.tryAppend(1_000L, null, bytes("a"), new Header[0]);

        ByteBuffer set = builder.build();

        // CRC-32 8a65e96d computed with Python's zlib over magic..value; kafka-clients 4.4 writes the same bytes.
        assertThat(hex(set, 0, set.limit())).isEqualTo(""
                + "0000000000000000"  // offset 0
                + "00000017"          // message size 23
                + "8a65e96d"          // crc
                + "01"                // magic 1
                + "00"                // attributes: no codec, CreateTime
                + "00000000000003e8"  // timestamp 1000
                + "ffffffff"          // key null
                + "00000001" + "61"); // value "a"
    }

    @Test
    void nullKeyAndValueAreMinusOneAndOffsetsCountUp() {
        LegacyMessageSetBuilder builder = new LegacyMessageSetBuilder((byte) 0, CompressionType.NONE, 1024);
        builder.tryAppend(0L, null, null, null);
        builder.tryAppend(0L, null, null, null);

        ByteBuffer set = builder.build();

        // CRC-32 a7ec6803 = zlib.crc32(00 00 ffffffff ffffffff).
        String message = "0000000e" + "a7ec6803" + "0000" + "ffffffff" + "ffffffff";
        assertThat(hex(set, 0, set.limit()))
                .isEqualTo("0000000000000000" + message + "0000000000000001" + message);
    }

    @ParameterizedTest
    @ValueSource(bytes = {0, 1})
    void gzipWrapperHoldsTheCompressedInnerSetWithOffsetOfTheLastMessage(byte magic) throws IOException {
        LegacyMessageSetBuilder plain = new LegacyMessageSetBuilder(magic, CompressionType.NONE, 1024);
        LegacyMessageSetBuilder gzip = new LegacyMessageSetBuilder(magic, CompressionType.GZIP, 1024);
        long[] timestamps = {1_000L, 3_000L, 2_000L};
        for (int i = 0; i < 3; i++) {
            plain.tryAppend(timestamps[i], bytes("k" + i), bytes("value " + i), null);
            gzip.tryAppend(timestamps[i], bytes("k" + i), bytes("value " + i), null);
        }
        int wrapperHeader = magic == 0 ? 26 : 34;
        assertThat(gzip.estimatedSizeInBytes()).isEqualTo(wrapperHeader + plain.estimatedSizeInBytes());

        ByteBuffer wrapper = gzip.build();

        assertThat(wrapper.getLong(0)).as("wrapper offset = last inner offset").isEqualTo(2L);
        assertThat(wrapper.getInt(8)).isEqualTo(wrapper.limit() - 12);
        assertThat(wrapper.get(16)).isEqualTo(magic);
        assertThat(wrapper.get(17)).as("attributes: gzip, CreateTime").isEqualTo((byte) 1);
        int keyAt = 18;
        if (magic == 1) {
            assertThat(wrapper.getLong(18)).as("wrapper timestamp = max inner timestamp").isEqualTo(3_000L);
            keyAt = 26;
        }
        assertThat(wrapper.getInt(keyAt)).as("wrapper key null").isEqualTo(-1);
        int valueLength = wrapper.getInt(keyAt + 4);
        assertThat(keyAt + 8 + valueLength).isEqualTo(wrapper.limit()).isEqualTo(gzip.estimatedSizeInBytes());
        CRC32 crc = new CRC32();
        crc.update(wrapper.duplicate().position(16));
        assertThat(wrapper.getInt(12)).isEqualTo((int) crc.getValue());

        byte[] value = new byte[valueLength];
        wrapper.get(keyAt + 8, value);
        byte[] inner;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(value))) {
            inner = in.readAllBytes();
        }
        ByteBuffer plainSet = plain.build();
        assertThat(HexFormat.of().formatHex(inner)).as("inner messages: offsets 0..n-1, each with its CRC")
                .isEqualTo(hex(plainSet, 0, plainSet.limit()));
    }

    @ParameterizedTest
    @ValueSource(bytes = {0, 1})
    void headersAreRefused(byte magic) {
        LegacyMessageSetBuilder builder = new LegacyMessageSetBuilder(magic, CompressionType.NONE, 1024);

        assertThatThrownBy(() -> builder.tryAppend(0L, null, null, new Header[] {new Header("h", null)}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("headers")
                .hasMessageContaining("RecordBatch");
        assertThat(builder.recordCount()).isZero();
        assertThatThrownBy(() -> RecordsBuilder.sizeOfSingleRecordBatch(magic, CompressionType.NONE, null, null,
                new Header[] {new Header("h", null)})).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(bytes = {0, 1})
    void zstdIsRefused(byte magic) {
        assertThatThrownBy(() -> new LegacyMessageSetBuilder(magic, CompressionType.ZSTD, 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zstd")
                .hasMessageContaining("magic 2");
        assertThatThrownBy(() -> RecordsBuilder.create(magic, CompressionType.ZSTD, 1024))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyMagic0And1AreLegacy() {
        assertThatThrownBy(() -> new LegacyMessageSetBuilder((byte) 2, CompressionType.NONE, 1024))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesARecordPastTheLimitButAlwaysTakesTheFirst() {
        LegacyMessageSetBuilder builder = new LegacyMessageSetBuilder((byte) 1, CompressionType.NONE, 50);
        assertThat(builder.tryAppend(0L, null, new byte[100], null)).isTrue();
        assertThat(builder.tryAppend(0L, null, new byte[1], null)).isFalse();
        assertThat(builder.recordCount()).isEqualTo(1);
        assertThat(builder.build().limit()).isEqualTo(12 + 22 + 100);

        LegacyMessageSetBuilder exact = new LegacyMessageSetBuilder((byte) 0, CompressionType.NONE, 2 * 27);
        assertThat(exact.tryAppend(0L, null, new byte[1], null)).isTrue();
        assertThat(exact.tryAppend(0L, null, new byte[1], null)).isTrue();
        assertThat(exact.tryAppend(0L, null, new byte[0], null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(bytes = {0, 1})
    void sizeOfSingleRecordSetIsExactUncompressedAndBoundsTheWrapper(byte magic) {
        for (byte[] value : new byte[][] {null, new byte[0], new byte[1000]}) {
            LegacyMessageSetBuilder plain = new LegacyMessageSetBuilder(magic, CompressionType.NONE, 1024);
            plain.tryAppend(0L, bytes("key"), value, null);
            LegacyMessageSetBuilder gzip = new LegacyMessageSetBuilder(magic, CompressionType.GZIP, 1024);
            gzip.tryAppend(0L, bytes("key"), value, null);

            assertThat(RecordsBuilder.sizeOfSingleRecordBatch(magic, CompressionType.NONE, bytes("key"), value, null))
                    .isEqualTo(plain.build().limit());
            assertThat(RecordsBuilder.sizeOfSingleRecordBatch(magic, CompressionType.GZIP, bytes("key"), value, null))
                    .isEqualTo(gzip.estimatedSizeInBytes());
        }
    }

    @Test
    void lz4WrapperForMagic0UsesKafkasOldFrameChecksum() {
        LegacyMessageSetBuilder builder = new LegacyMessageSetBuilder((byte) 0, CompressionType.LZ4, 1024);
        builder.tryAppend(0L, null, bytes("payload"), null);

        ByteBuffer wrapper = builder.build();

        int frameAt = 12 + 14;
        assertThat(wrapper.getInt(frameAt)).isEqualTo(0x04224d18);
        assertThat(wrapper.get(frameAt + 6)).as("not the correct checksum 0x82").isNotEqualTo((byte) 0x82);
    }

    @Test
    void growsFromATinySuppliedBuffer() {
        ByteBuffer tiny = ByteBuffer.allocate(16);
        LegacyMessageSetBuilder builder = new LegacyMessageSetBuilder((byte) 1, CompressionType.SNAPPY, tiny, 1 << 20);
        for (int i = 0; i < 500; i++) {
            assertThat(builder.tryAppend(i, bytes("k" + i), bytes("v" + i), null)).isTrue();
        }

        ByteBuffer wrapper = builder.build();

        assertThat(wrapper.getLong(0)).isEqualTo(499L);
        assertThat(wrapper.getLong(18)).isEqualTo(499L);
        assertThat(builder.build()).isEqualTo(wrapper);
    }
}
