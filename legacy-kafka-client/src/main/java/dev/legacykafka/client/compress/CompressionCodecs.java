package dev.legacykafka.client.compress;

import dev.legacykafka.client.CompressionType;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Finds the codec for a {@link CompressionType} and tells whether its optional library is usable.
 *
 * <p>GZIP needs only the JDK. SNAPPY, LZ4 and ZSTD need snappy-java, lz4-java and zstd-jni; their
 * codec classes are loaded by name, and only after the library is found, so a producer without
 * those jars never touches them. Each lookup result (codec or failure) is computed once.
 */
public final class CompressionCodecs {

    private static final AtomicReferenceArray<Object> RESOLVED =
            new AtomicReferenceArray<>(CompressionType.values().length);

    private CompressionCodecs() {
    }

    /**
     * Returns the codec for {@code type}.
     *
     * @throws IllegalArgumentException          for {@link CompressionType#NONE}, which has no codec
     * @throws CompressionUnavailableException if the codec's library is missing or cannot run; the
     *                                         message names the Maven artifact to add
     */
    public static CompressionCodec forType(CompressionType type) {
        Object resolved = resolve(type);
        if (resolved instanceof CompressionCodec codec) {
            return codec;
        }
        CompressionUnavailableException failure = (CompressionUnavailableException) resolved;
        // A fresh exception per call, so each caller gets its own stack trace.
        throw new CompressionUnavailableException(failure.getMessage(), failure.getCause());
    }

    /** Whether {@link #forType} returns a working codec for {@code type} (always false for NONE). */
    public static boolean isAvailable(CompressionType type) {
        return type != CompressionType.NONE && resolve(type) instanceof CompressionCodec;
    }

    private static Object resolve(CompressionType type) {
        if (type == CompressionType.NONE) {
            throw new IllegalArgumentException("CompressionType.NONE has no codec: send the records uncompressed");
        }
        Object resolved = RESOLVED.get(type.ordinal());
        if (resolved == null) {
            // Racing threads may both load; the result is the same and the first one wins.
            RESOLVED.compareAndSet(type.ordinal(), null, load(type));
            resolved = RESOLVED.get(type.ordinal());
        }
        return resolved;
    }

    private static Object load(CompressionType type) {
        return switch (type) {
            case GZIP -> new GzipCodec();
            case SNAPPY -> load("snappy", "org.xerial.snappy:snappy-java", "org.xerial.snappy.Snappy", "SnappyCodec");
            case LZ4 -> load("lz4", "at.yawk.lz4:lz4-java (or org.lz4:lz4-java)", "net.jpountz.lz4.LZ4Factory", "Lz4Codec");
            case ZSTD -> load("zstd", "com.github.luben:zstd-jni", "com.github.luben.zstd.Zstd", "ZstdCodec");
            case NONE -> throw new AssertionError("NONE is handled by the caller");
        };
    }

    private static Object load(String name, String artifact, String libraryClass, String codecClass) {
        ClassLoader loader = CompressionCodecs.class.getClassLoader();
        try {
            Class.forName(libraryClass, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return new CompressionUnavailableException(
                    name + " compression needs " + artifact + " on the classpath", e);
        }
        try {
            CompressionCodec codec = (CompressionCodec) Class
                    .forName(CompressionCodecs.class.getPackageName() + "." + codecClass, true, loader)
                    .getDeclaredConstructor()
                    .newInstance();
            // Native libraries load on first use; fail here, with a clear message, rather than on a batch.
            codec.compress(ByteBuffer.wrap(new byte[] {1, 2, 3}), (byte) 2);
            return codec;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null && !(e instanceof RuntimeException) ? e.getCause() : e;
            return new CompressionUnavailableException(
                    name + " compression is unusable: " + artifact + " is on the classpath but failed to start ("
                            + cause + ")", cause);
        }
    }
}
