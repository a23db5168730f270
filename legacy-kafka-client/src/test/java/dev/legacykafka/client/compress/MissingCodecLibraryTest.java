package dev.legacykafka.client.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Loads the client's classes through a class loader that sees only the client itself and the JDK,
 * as in an application that did not add snappy-java, lz4-java or zstd-jni.
 */
class MissingCodecLibraryTest {

    private ClientOnlyClassLoader loader;
    private Class<?> codecs;
    private Class<?> compressionType;

    @BeforeEach
    void loadClientWithoutOptionalLibraries() throws Exception {
        URL clientClasses = CompressionCodecs.class.getProtectionDomain().getCodeSource().getLocation();
        loader = new ClientOnlyClassLoader(clientClasses);
        codecs = loader.loadClass(CompressionCodecs.class.getName());
        compressionType = loader.loadClass("dev.legacykafka.client.CompressionType");
        assertThat(codecs.getClassLoader()).isSameAs(loader);
        assertThat(catchThrowable(() -> loader.loadClass("org.xerial.snappy.Snappy")))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @AfterEach
    void close() throws Exception {
        loader.close();
    }

    @Test
    void missingSnappyNamesTheArtifact() throws Exception {
        Throwable failure = forTypeFailure("SNAPPY");

        assertThat(failure.getClass().getName()).isEqualTo(CompressionUnavailableException.class.getName());
        assertThat(failure).hasMessage("snappy compression needs org.xerial.snappy:snappy-java on the classpath");
        assertThat(loader.isLoaded("dev.legacykafka.client.compress.SnappyCodec")).isFalse();
    }

    @Test
    void missingLz4NamesTheArtifact() throws Exception {
        assertThat(forTypeFailure("LZ4"))
                .hasMessageStartingWith("lz4 compression needs at.yawk.lz4:lz4-java")
                .hasMessageEndingWith("on the classpath");
        assertThat(loader.isLoaded("dev.legacykafka.client.compress.Lz4Codec")).isFalse();
    }

    @Test
    void missingZstdNamesTheArtifact() throws Exception {
        assertThat(forTypeFailure("ZSTD"))
                .hasMessage("zstd compression needs com.github.luben:zstd-jni on the classpath");
        assertThat(loader.isLoaded("dev.legacykafka.client.compress.ZstdCodec")).isFalse();
    }

    @Test
    void isAvailableSaysNoWithoutTheLibraryAndYesForGzip() throws Exception {
        Method isAvailable = codecs.getMethod("isAvailable", compressionType);

        assertThat(isAvailable.invoke(null, constant("SNAPPY"))).isEqualTo(false);
        assertThat(isAvailable.invoke(null, constant("LZ4"))).isEqualTo(false);
        assertThat(isAvailable.invoke(null, constant("ZSTD"))).isEqualTo(false);
        assertThat(isAvailable.invoke(null, constant("GZIP"))).isEqualTo(true);
    }

    @Test
    void gzipNeedsNothingButTheJdk() throws Exception {
        Object gzip = codecs.getMethod("forType", compressionType).invoke(null, constant("GZIP"));
        Method compress = gzip.getClass().getMethod("compress", ByteBuffer.class, byte.class);
        compress.setAccessible(true);

        ByteBuffer compressed = (ByteBuffer) compress.invoke(gzip, ByteBuffer.wrap(new byte[] {1, 2, 3}), (byte) 2);

        assertThat(compressed.get(0)).isEqualTo((byte) 0x1f);
    }

    @Test
    void theFailureIsRepeatedOnEveryCall() throws Exception {
        Throwable first = forTypeFailure("SNAPPY");
        Throwable second = forTypeFailure("SNAPPY");

        assertThat(second).isNotSameAs(first).hasMessage(first.getMessage());
    }

    private Throwable forTypeFailure(String type) throws Exception {
        Method forType = codecs.getMethod("forType", compressionType);
        Throwable thrown = catchThrowable(() -> forType.invoke(null, constant(type)));
        assertThat(thrown).isInstanceOf(InvocationTargetException.class);
        return thrown.getCause();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object constant(String name) {
        return Enum.valueOf((Class) compressionType, name);
    }

    /** Sees the client's compiled classes and the JDK's, nothing from the test classpath. */
    private static final class ClientOnlyClassLoader extends URLClassLoader {

        ClientOnlyClassLoader(URL clientClasses) {
            super(new URL[] {clientClasses}, ClassLoader.getPlatformClassLoader());
        }

        boolean isLoaded(String name) {
            return findLoadedClass(name) != null;
        }
    }
}
