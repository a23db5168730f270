package dev.legacykafka.client.compress;

import dev.legacykafka.client.CompressionType;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * LZ4 in the LZ4 frame format as Kafka writes it: magic {@code 0x184D2204}, FLG = version 1 with
 * independent blocks (no block or content checksum, no content size), BD = 64 KiB maximum block
 * size, the header checksum byte, then blocks (little-endian int32 size, high bit set for a block
 * stored uncompressed because it did not shrink) and a zero end mark.
 *
 * <p>For magic 0 the header checksum is computed the way Kafka 0.8-0.9 did it by mistake, over
 * the magic number too (KAFKA-3160); readers of magic-0 data expect exactly that, and readers of
 * magic 1/2 expect the correct one. This class links against lz4-java; {@link CompressionCodecs}
 * loads it only when that library is present.
 */
final class Lz4Codec implements CompressionCodec {

    static final int MAGIC = 0x184D2204;
    static final int BLOCK_SIZE = 64 * 1024;
    static final byte FLG = 0x60; // version 01, block independence
    static final byte BD = 0x40;  // block max size id 4 = 64 KiB

    private static final int HEADER_SIZE = 7;
    private static final int UNCOMPRESSED_BLOCK = 0x80000000;

    private final LZ4Compressor compressor = LZ4Factory.fastestInstance().fastCompressor();
    private final XXHash32 xxhash = XXHashFactory.fastestInstance().hash32();

    @Override
    public CompressionType type() {
        return CompressionType.LZ4;
    }

    @Override
    public ByteBuffer compress(ByteBuffer input, byte magic, int headroom) {
        InputBytes in = InputBytes.of(input);
        int blocks = (in.length() + BLOCK_SIZE - 1) / BLOCK_SIZE;
        int maxBlock = Math.max(compressor.maxCompressedLength(Math.min(in.length(), BLOCK_SIZE)),
                Math.min(in.length(), BLOCK_SIZE));
        byte[] out = new byte[headroom + HEADER_SIZE + blocks * (4 + maxBlock) + 4];
        ByteBuffer result = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);

        int pos = headroom;
        result.putInt(pos, MAGIC);
        out[pos + 4] = FLG;
        out[pos + 5] = BD;
        out[pos + 6] = headerChecksum(out, pos, magic == 0);
        pos += HEADER_SIZE;

        for (int done = 0; done < in.length(); done += BLOCK_SIZE) {
            int chunk = Math.min(BLOCK_SIZE, in.length() - done);
            int written = compressor.compress(in.array(), in.offset() + done, chunk, out, pos + 4, maxBlock);
            if (written >= chunk) {
                // The frame format lets a block that does not shrink be stored as is.
                System.arraycopy(in.array(), in.offset() + done, out, pos + 4, chunk);
                result.putInt(pos, chunk | UNCOMPRESSED_BLOCK);
                pos += 4 + chunk;
            } else {
                result.putInt(pos, written);
                pos += 4 + written;
            }
        }
        result.putInt(pos, 0);
        pos += 4;
        return result.order(ByteOrder.BIG_ENDIAN).limit(pos);
    }

    /**
     * The frame descriptor checksum: second byte of xxhash32 (seed 0) of the FLG and BD bytes, or,
     * for Kafka's magic-0 quirk, of the magic number and FLG and BD.
     */
    byte headerChecksum(byte[] frame, int frameStart, boolean brokenKafkaV0Checksum) {
        int from = brokenKafkaV0Checksum ? frameStart : frameStart + 4;
        int to = frameStart + 6;
        return (byte) (xxhash.hash(frame, from, to - from, 0) >>> 8);
    }
}
