package dev.legacykafka.client.compress;

import dev.legacykafka.client.CompressionType;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Snappy in snappy-java's stream framing ({@code SnappyOutputStream}), which Kafka uses rather
 * than the official snappy framing: an 8-byte magic {@code 82 'SNAPPY' 00}, version 1 and
 * compatible version 1 as big-endian int32, then per 32 KiB input block a big-endian int32
 * compressed length followed by the raw snappy block.
 *
 * <p>The frame is written directly into one sized array, avoiding the stream's internal copies.
 * This class links against snappy-java; {@link CompressionCodecs} loads it only when that library
 * is present.
 */
final class SnappyCodec implements CompressionCodec {

    /** SnappyOutputStream's default block size; matching it keeps our bytes identical to its output. */
    static final int BLOCK_SIZE = 32 * 1024;

    private static final byte[] HEADER = {
        (byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0,
        0, 0, 0, 1,
        0, 0, 0, 1,
    };

    @Override
    public CompressionType type() {
        return CompressionType.SNAPPY;
    }

    @Override
    public ByteBuffer compress(ByteBuffer input, byte magic, int headroom) {
        InputBytes in = InputBytes.of(input);
        int blocks = (in.length() + BLOCK_SIZE - 1) / BLOCK_SIZE;
        int maxBlock = Snappy.maxCompressedLength(Math.min(in.length(), BLOCK_SIZE));
        byte[] out = new byte[headroom + HEADER.length + blocks * (4 + maxBlock)];
        System.arraycopy(HEADER, 0, out, headroom, HEADER.length);
        ByteBuffer result = ByteBuffer.wrap(out);
        int pos = headroom + HEADER.length;
        try {
            for (int done = 0; done < in.length(); done += BLOCK_SIZE) {
                int chunk = Math.min(BLOCK_SIZE, in.length() - done);
                int written = Snappy.compress(in.array(), in.offset() + done, chunk, out, pos + 4);
                result.putInt(pos, written);
                pos += 4 + written;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("snappy compression failed", e);
        }
        return result.limit(pos);
    }
}
