package dev.legacykafka.client.compress;

import dev.legacykafka.client.CompressionType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.utils.internals.BufferSupplier;

/** Decompresses with kafka-clients' own codecs: the independent reader of what our codecs write. */
final class KafkaDecompression {

    private KafkaDecompression() {
    }

    static byte[] decompress(CompressionType type, ByteBuffer compressed, byte magic) {
        org.apache.kafka.common.record.internal.CompressionType kafkaType =
                org.apache.kafka.common.record.internal.CompressionType.forId(type.id());
        try (InputStream in = Compression.of(kafkaType).build()
                .wrapForInput(compressed.duplicate(), magic, BufferSupplier.NO_CACHING)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
