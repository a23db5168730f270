package dev.legacykafka.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.core.io.InputStreamSource;
import org.springframework.javapoet.ClassName;

/**
 * Named producers survive ahead-of-time processing (spring-boot:process-aot, native images): their
 * bean definitions become generated code, and that code compiles.
 */
class NamedProducersAotTests {

    @Test
    void namedProducersAreProcessedAheadOfTimeIntoCodeThatCompiles(@TempDir Path out) throws IOException {
        InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            TestPropertyValues.of("legacykafka.producers.old.bootstrap-servers=127.0.0.1:1",
                    "legacykafka.producers.old.api-version=2",
                    "legacykafka.producers.modern.bootstrap-servers=127.0.0.1:2",
                    "legacykafka.producers.modern.transaction-id-prefix=tx-").applyTo(context);
            // Registering evaluates the conditions at once: the properties come first.
            context.register(LegacyKafkaAutoConfiguration.class, LegacyKafkaNamedProducersAutoConfiguration.class);
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get("dev.legacykafka.aot", "NamedApp")), files);
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            generation.writeGeneratedContent();
        }
        Map<String, InputStreamSource> sources = files.getGeneratedFiles(GeneratedFiles.Kind.SOURCE);
        StringBuilder all = new StringBuilder();
        List<JavaFileObject> units = new ArrayList<>();
        for (Map.Entry<String, InputStreamSource> source : sources.entrySet()) {
            String code;
            try (InputStream in = source.getValue().getInputStream()) {
                code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            all.append(code);
            units.add(new Source(source.getKey(), code));
        }
        assertThat(all).contains("\"oldLegacyKafkaProducer\"", "\"oldLegacyKafkaTemplate\"",
                "\"modernLegacyKafkaTemplate\"", "\"modernLegacyKafkaTransactionManager\"",
                "\"modernLegacyKafkaTransactionalProducerPool\"", "\"legacyKafkaNamedProducers\"");
        // The qualifiers and the primary flag are part of the generated definitions.
        assertThat(all).contains("addQualifier(new AutowireCandidateQualifier(\"org.springframework.beans.factory.annotation.Qualifier\", \"old\"))");

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            boolean ok = compiler.getTask(output, fileManager, diagnostics, List.of("-proc:none", "-d", out.toString(),
                    "-classpath", System.getProperty("java.class.path"), "--release", "17"), null, units).call();
            assertThat(diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + " " + d.getMessage(Locale.ROOT)))
                    .as("generated code\n" + all).isEmpty();
            assertThat(ok).isTrue();
        }
    }

    private static final class Source extends SimpleJavaFileObject {

        private final String code;

        Source(String path, String code) {
            super(URI.create("string:///" + path), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
