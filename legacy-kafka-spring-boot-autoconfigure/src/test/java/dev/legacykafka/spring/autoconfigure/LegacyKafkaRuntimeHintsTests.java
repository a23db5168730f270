package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.compress.CompressionCodecs;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;

/** The hints a native image needs (GraalVM is not on this machine, so the native build itself is not run). */
class LegacyKafkaRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    LegacyKafkaRuntimeHintsTests() {
        new LegacyKafkaRuntimeHints().registerHints(hints, getClass().getClassLoader());
    }

    @Test
    void everyOptionalCodecCanBeInstantiatedReflectively() {
        for (String codec : LegacyKafkaRuntimeHints.CODECS) {
            assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(codec))
                    .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(codec).accepts(hints);
        }
        for (String library : LegacyKafkaRuntimeHints.CODEC_LIBRARIES) {
            assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(library))).as(library).accepts(hints);
        }
    }

    @Test
    void theHintedCodecClassesAreTheOnesTheClientLoads() throws Exception {
        // The names are strings on both sides: a renamed codec class must fail here, not in a native image.
        for (String codec : LegacyKafkaRuntimeHints.CODECS) {
            assertThat(Class.forName(codec, false, getClass().getClassLoader())).isNotNull();
        }
        assertThat(CompressionCodecs.isAvailable(CompressionType.GZIP)).isTrue();
    }

    @Test
    void thePropertiesCanBeBound() {
        assertThat(RuntimeHintsPredicates.reflection().onType(LegacyKafkaProperties.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(LegacyKafkaProperties.Template.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(LegacyKafkaProperties.Producer.class)).accepts(hints);
    }

    @Test
    void theAutoConfigurationImportsTheHints() {
        assertThat(LegacyKafkaAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
                .contains(LegacyKafkaRuntimeHints.class);
    }
}
