package dev.legacykafka.client;

/**
 * Compression codecs a batch can use, with the id Kafka writes in the batch attributes.
 *
 * <p>GZIP needs nothing beyond the JDK. SNAPPY, LZ4 and ZSTD need their optional libraries
 * (snappy-java, lz4-java, zstd-jni) on the classpath; ZSTD also needs Produce v7 or newer.
 */
public enum CompressionType {
    NONE(0),
    GZIP(1),
    SNAPPY(2),
    LZ4(3),
    ZSTD(4);

    private final int id;

    CompressionType(int id) {
        this.id = id;
    }

    /** The codec id in the low three bits of the record attributes. */
    public int id() {
        return id;
    }
}
