package dev.legacykafka.client.compress;

import dev.legacykafka.client.CompressionType;

import java.nio.ByteBuffer;

/**
 * Compresses the records region of a batch in the byte format Kafka brokers and clients expect
 * for one codec.
 *
 * <p>Implementations are thread-safe and stateless from the caller's point of view; any reused
 * native or scratch resources are pooled internally. Obtain instances from
 * {@link CompressionCodecs#forType(CompressionType)}.
 */
public interface CompressionCodec {

    /** The codec whose id goes into the batch attributes. */
    CompressionType type();

    /**
     * Compresses the bytes between {@code input}'s position and limit.
     *
     * <p>The returned heap buffer has position 0; bytes {@code [0, headroom)} are left for the caller
     * (a batch header written in front of the compressed data without another copy) and the
     * compressed data runs from {@code headroom} to the limit. {@code input}'s position, limit and
     * content are not changed.
     *
     * @param input    the uncompressed bytes
     * @param magic    the record format (0, 1 or 2): LZ4 writes a different frame header for magic 0
     * @param headroom free bytes to leave in front of the compressed data, at least 0
     * @return a new buffer holding {@code headroom} free bytes followed by the compressed data
     */
    ByteBuffer compress(ByteBuffer input, byte magic, int headroom);

    /** Same as {@code compress(input, magic, 0)}: a buffer holding the compressed data only. */
    default ByteBuffer compress(ByteBuffer input, byte magic) {
        return compress(input, magic, 0);
    }
}
