package dev.legacykafka.spring.autoconfigure;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What a native image needs beyond what AOT processing finds: the optional compression codecs the
 * client loads by name (each checks for its library with {@code Class.forName}, then instantiates
 * its codec reflectively) and the {@code legacykafka.*} properties' binding.
 */
class LegacyKafkaRuntimeHints implements RuntimeHintsRegistrar {

    private static final String CODEC_PACKAGE = "dev.legacykafka.client.compress.";

    /** Codec classes, instantiated through their no-argument constructor. */
    static final List<String> CODECS = List.of(CODEC_PACKAGE + "SnappyCodec", CODEC_PACKAGE + "Lz4Codec",
            CODEC_PACKAGE + "ZstdCodec");

    /** Classes whose presence tells whether a codec's library is there. */
    static final List<String> CODEC_LIBRARIES = List.of("org.xerial.snappy.Snappy", "net.jpountz.lz4.LZ4Factory",
            "com.github.luben.zstd.Zstd");

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        for (String codec : CODECS) {
            hints.reflection().registerType(TypeReference.of(codec), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
        }
        for (String library : CODEC_LIBRARIES) {
            hints.reflection().registerType(TypeReference.of(library));
        }
        BindableRuntimeHintsRegistrar.forTypes(LegacyKafkaProperties.class).registerHints(hints, classLoader);
    }
}
