package dev.legacykafka.client.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import dev.legacykafka.client.CompressionType;

import java.nio.ByteBuffer;

/**
 * Zstandard via zstd-jni: one standard zstd frame at level 3 (Kafka's default), which Kafka's
 * streaming decompressor reads. Magic 2 only; the record builders refuse zstd for legacy formats.
 *
 * <p>Compression contexts hold native memory, so they are pooled. This class links against
 * zstd-jni; {@link CompressionCodecs} loads it only when that library is present.
 */
final class ZstdCodec implements CompressionCodec {

    static final int LEVEL = 3;

    private final ResourcePool<ZstdCompressCtx> contexts = new ResourcePool<>(
            ResourcePool.defaultCapacity(),
            () -> new ZstdCompressCtx().setLevel(LEVEL),
            ZstdCompressCtx::close);

    @Override
    public CompressionType type() {
        return CompressionType.ZSTD;
    }

    @Override
    public ByteBuffer compress(ByteBuffer input, byte magic, int headroom) {
        InputBytes in = InputBytes.of(input);
        int bound = Math.toIntExact(Zstd.compressBound(in.length()));
        byte[] out = new byte[headroom + bound];
        ZstdCompressCtx context = contexts.take();
        int written;
        try {
            written = context.compressByteArray(out, headroom, bound, in.array(), in.offset(), in.length());
        } finally {
            contexts.give(context);
        }
        return ByteBuffer.wrap(out).limit(headroom + written);
    }
}
