package dev.legacykafka.client.compress;

import dev.legacykafka.client.CompressionType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * GZIP (RFC 1952) with the JDK's zlib: one member, no file name or time, default level, the
 * format {@code java.util.zip.GZIPInputStream} and every Kafka broker read.
 *
 * <p>The member is written by hand around a raw deflater so deflaters can be pooled: each one
 * holds native memory that {@code GZIPOutputStream} would allocate per batch.
 */
final class GzipCodec implements CompressionCodec {

    private static final int HEADER_SIZE = 10;
    private static final int TRAILER_SIZE = 8;
    private static final byte OS_UNKNOWN = (byte) 0xff;

    private final ResourcePool<Deflater> deflaters = new ResourcePool<>(
            ResourcePool.defaultCapacity(),
            () -> new Deflater(Deflater.DEFAULT_COMPRESSION, true),
            Deflater::end);

    @Override
    public CompressionType type() {
        return CompressionType.GZIP;
    }

    @Override
    public ByteBuffer compress(ByteBuffer input, byte magic, int headroom) {
        InputBytes in = InputBytes.of(input);
        // zlib's deflateBound for raw deflate, plus slack: a first guess that is rarely too small.
        int bound = in.length() + (in.length() >>> 12) + (in.length() >>> 14) + (in.length() >>> 25) + 13;
        byte[] out = new byte[headroom + HEADER_SIZE + bound + TRAILER_SIZE];
        int pos = headroom;
        out[pos++] = 0x1f;
        out[pos++] = (byte) 0x8b;
        out[pos++] = Deflater.DEFLATED;
        pos += 6; // flags, mtime (4) and extra flags stay 0
        out[pos++] = OS_UNKNOWN;

        Deflater deflater = deflaters.take();
        try {
            deflater.setInput(in.array(), in.offset(), in.length());
            deflater.finish();
            while (!deflater.finished()) {
                if (pos == out.length - TRAILER_SIZE) {
                    out = Arrays.copyOf(out, out.length + (out.length >>> 1) + 64);
                }
                pos += deflater.deflate(out, pos, out.length - TRAILER_SIZE - pos);
            }
        } finally {
            deflater.reset();
            deflaters.give(deflater);
        }

        CRC32 crc = new CRC32();
        crc.update(in.array(), in.offset(), in.length());
        ByteBuffer result = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        result.putInt(pos, (int) crc.getValue());
        result.putInt(pos + 4, in.length());
        return result.order(ByteOrder.BIG_ENDIAN).limit(pos + TRAILER_SIZE);
    }
}
