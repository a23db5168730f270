package dev.legacykafka.client.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.CompressionType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.utils.internals.ByteBufferOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.xerial.snappy.SnappyOutputStream;

class CompressionCodecsTest {

    private static final byte[] TEXT = repeatText(200_000);
    private static final byte[] RANDOM = randomBytes(150_000, 42);

    /** Payload shapes that exercise empty input, single and multiple blocks and stored (incompressible) blocks. */
    static Stream<Arguments> codecsAndPayloads() {
        List<Arguments> cases = new ArrayList<>();
        for (CompressionType type : List.of(CompressionType.GZIP, CompressionType.SNAPPY, CompressionType.LZ4,
                CompressionType.ZSTD)) {
            for (byte magic = 0; magic <= 2; magic++) {
                if (type == CompressionType.ZSTD && magic < 2) {
                    continue; // Kafka reads zstd in magic 2 only
                }
                cases.add(Arguments.of(type, magic, "empty", new byte[0]));
                cases.add(Arguments.of(type, magic, "one byte", new byte[] {7}));
                cases.add(Arguments.of(type, magic, "short text", "hello, kafka".getBytes(StandardCharsets.UTF_8)));
                cases.add(Arguments.of(type, magic, "exactly 64 KiB", Arrays.copyOf(TEXT, 64 * 1024)));
                cases.add(Arguments.of(type, magic, "200 KB text", TEXT));
                cases.add(Arguments.of(type, magic, "150 KB random", RANDOM));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} magic {1} {2}")
    @MethodSource("codecsAndPayloads")
    void kafkaClientsDecompressesWhatWeCompress(CompressionType type, byte magic, String name, byte[] payload) {
        CompressionCodec codec = CompressionCodecs.forType(type);

        ByteBuffer compressed = codec.compress(ByteBuffer.wrap(payload), magic);

        assertThat(compressed.position()).isZero();
        assertThat(KafkaDecompression.decompress(type, compressed, magic)).isEqualTo(payload);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void headroomIsLeftFreeInFrontOfTheSameCompressedBytes(CompressionType type) {
        CompressionCodec codec = CompressionCodecs.forType(type);
        ByteBuffer input = ByteBuffer.wrap(TEXT, 100, 5000).slice();

        ByteBuffer plain = codec.compress(input, (byte) 2);
        ByteBuffer withHeadroom = codec.compress(input, (byte) 2, 61);

        assertThat(input.position()).isZero();
        assertThat(input.remaining()).isEqualTo(5000);
        assertThat(withHeadroom.limit()).isEqualTo(61 + plain.limit());
        assertThat(bytes(withHeadroom.position(61))).isEqualTo(bytes(plain));
        assertThat(KafkaDecompression.decompress(type, withHeadroom, (byte) 2))
                .isEqualTo(Arrays.copyOfRange(TEXT, 100, 5100));
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void directInputBuffersAreReadFromTheirPosition(CompressionType type) {
        ByteBuffer direct = ByteBuffer.allocateDirect(TEXT.length + 10);
        direct.put(new byte[10]).put(TEXT).flip().position(10);

        ByteBuffer compressed = CompressionCodecs.forType(type).compress(direct, (byte) 2);

        assertThat(direct.position()).isEqualTo(10);
        assertThat(KafkaDecompression.decompress(type, compressed, (byte) 2)).isEqualTo(TEXT);
    }

    @Test
    void gzipIsAStandardGzipMember() throws IOException {
        ByteBuffer compressed = CompressionCodecs.forType(CompressionType.GZIP).compress(ByteBuffer.wrap(TEXT), (byte) 2);

        byte[] header = Arrays.copyOf(bytes(compressed), 10);
        assertThat(header).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes(compressed)))) {
            assertThat(in.readAllBytes()).isEqualTo(TEXT);
        }
        // Trailer: CRC-32 and size of the input, little-endian.
        ByteBuffer trailer = ByteBuffer.wrap(bytes(compressed), compressed.limit() - 8, 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(TEXT);
        assertThat(trailer.getInt() & 0xffffffffL).isEqualTo(crc.getValue());
        assertThat(trailer.getInt()).isEqualTo(TEXT.length);
    }

    @Test
    void snappyBytesEqualSnappyOutputStreamFraming() throws IOException {
        for (byte[] payload : List.of(new byte[0], "abc".getBytes(StandardCharsets.UTF_8), TEXT, RANDOM)) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (SnappyOutputStream out = new SnappyOutputStream(expected)) {
                out.write(payload);
            }

            ByteBuffer ours = CompressionCodecs.forType(CompressionType.SNAPPY).compress(ByteBuffer.wrap(payload), (byte) 2);

            assertThat(bytes(ours)).as("%d bytes", payload.length).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void snappyHeaderIsXerialMagicAndVersions() {
        ByteBuffer ours = CompressionCodecs.forType(CompressionType.SNAPPY).compress(ByteBuffer.wrap(new byte[0]), (byte) 2);

        assertThat(bytes(ours)).containsExactly(0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1);
    }

    @Test
    void lz4FrameHeaderHasTheCorrectChecksumFromMagic1() {
        for (byte magic : new byte[] {1, 2}) {
            ByteBuffer frame = CompressionCodecs.forType(CompressionType.LZ4).compress(ByteBuffer.wrap(new byte[0]), magic);

            // Magic 184D2204 LE, FLG 0x60, BD 0x40, HC = (xxh32(60 40) >> 8) & 0xff = 0x82, then the end mark.
            assertThat(bytes(frame)).containsExactly(0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82, 0, 0, 0, 0);
        }
    }

    @Test
    void lz4FrameHeaderForMagic0ReproducesKafka3160BrokenChecksum() {
        ByteBuffer frame = CompressionCodecs.forType(CompressionType.LZ4).compress(ByteBuffer.wrap(TEXT), (byte) 0);

        int broken = net.jpountz.xxhash.XXHashFactory.safeInstance().hash32()
                .hash(new byte[] {0x04, 0x22, 0x4d, 0x18, 0x60, 0x40}, 0, 6, 0);
        assertThat(frame.get(6)).isEqualTo((byte) (broken >>> 8)).isNotEqualTo((byte) 0x82);
        // Kafka reads a magic-0 frame only with the broken checksum, and rejects it as magic 1.
        assertThat(KafkaDecompression.decompress(CompressionType.LZ4, frame, (byte) 0)).isEqualTo(TEXT);
        assertThatThrownBy(() -> KafkaDecompression.decompress(CompressionType.LZ4, frame, (byte) 1))
                .hasStackTraceContaining("descriptor");
    }

    @Test
    void lz4BytesEqualKafkaClientsLz4OutputForEveryMagic() throws IOException {
        for (byte magic = 0; magic <= 2; magic++) {
            for (byte[] payload : List.of(new byte[0], TEXT, RANDOM)) {
                ByteBufferOutputStream expected = new ByteBufferOutputStream(256);
                try (var out = Compression.lz4().build().wrapForOutput(expected, magic)) {
                    out.write(payload);
                }
                ByteBuffer kafka = expected.buffer().flip();

                ByteBuffer ours = CompressionCodecs.forType(CompressionType.LZ4).compress(ByteBuffer.wrap(payload), magic);

                assertThat(bytes(ours)).as("magic %d, %d bytes", magic, payload.length).isEqualTo(bytes(kafka));
            }
        }
    }

    @Test
    void lz4StoresIncompressibleBlocksUncompressedWithTheHighBit() {
        ByteBuffer frame = CompressionCodecs.forType(CompressionType.LZ4)
                .compress(ByteBuffer.wrap(Arrays.copyOf(RANDOM, 1000)), (byte) 2);

        int blockSize = frame.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(7);
        assertThat(blockSize).isEqualTo(0x80000000 | 1000);
        assertThat(frame.limit()).isEqualTo(7 + 4 + 1000 + 4);
    }

    @Test
    void zstdWritesAStandardFrame() {
        ByteBuffer frame = CompressionCodecs.forType(CompressionType.ZSTD).compress(ByteBuffer.wrap(TEXT), (byte) 2);

        assertThat(Arrays.copyOf(bytes(frame), 4)).containsExactly(0x28, 0xb5, 0x2f, 0xfd);
        assertThat(com.github.luben.zstd.Zstd.decompress(bytes(frame), TEXT.length)).isEqualTo(TEXT);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void codecsAreAvailableAndSafeToShareAcrossThreads(CompressionType type) throws Exception {
        assertThat(CompressionCodecs.isAvailable(type)).isTrue();
        CompressionCodec codec = CompressionCodecs.forType(type);
        assertThat(codec.type()).isEqualTo(type);
        assertThat(CompressionCodecs.forType(type)).isSameAs(codec);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                byte[] payload = randomText(20_000 + t * 1000, t);
                results.add(pool.submit(() -> Arrays.equals(payload,
                        KafkaDecompression.decompress(type, codec.compress(ByteBuffer.wrap(payload), (byte) 2), (byte) 2))));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noneHasNoCodec() {
        assertThat(CompressionCodecs.isAvailable(CompressionType.NONE)).isFalse();
        assertThatThrownBy(() -> CompressionCodecs.forType(CompressionType.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NONE");
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static byte[] repeatText(int size) {
        StringBuilder text = new StringBuilder(size);
        int i = 0;
        while (text.length() < size) {
            text.append("record ").append(i++).append(" of the legacy-kafka compression test; ");
        }
        return Arrays.copyOf(text.toString().getBytes(StandardCharsets.US_ASCII), size);
    }

    private static byte[] randomText(int size, long seed) {
        Random random = new Random(seed);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) ('a' + random.nextInt(6));
        }
        return out;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        return out;
    }
}
