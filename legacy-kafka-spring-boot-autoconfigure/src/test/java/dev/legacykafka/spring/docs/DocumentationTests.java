package dev.legacykafka.spring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.RecordError;
import dev.legacykafka.spring.metrics.LegacyKafkaProducerMetrics;
import dev.legacykafka.spring.metrics.MicrometerProducerListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.json.JsonMapper;

/**
 * The READMEs checked against the code: every {@code java} block compiles against this module's
 * test classpath (client, starter, test fixture), every {@code legacykafka.*} property the
 * property tables name exists in the generated configuration metadata with the default the table
 * gives, every meter name exists in a real registry, and the BOM lists every published artifact.
 */
class DocumentationTests {

    /** This module's directory is the working directory of Surefire; the repository is one up. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final List<String> CLIENT_AND_SPRING_IMPORTS = List.of(
            "java.nio.charset.StandardCharsets", "java.nio.file.Path", "java.time.Duration", "java.util.List",
            "java.util.Map", "java.util.concurrent.CompletableFuture", "dev.legacykafka.client.*",
            "dev.legacykafka.client.errors.*", "dev.legacykafka.client.partition.*", "dev.legacykafka.client.security.*",
            "dev.legacykafka.spring.*", "dev.legacykafka.spring.autoconfigure.*", "dev.legacykafka.spring.serializer.*",
            "org.springframework.context.annotation.Bean", "org.springframework.context.annotation.Configuration",
            "org.springframework.stereotype.Service");

    private static final List<String> FIXTURE_IMPORTS = List.of("java.util.List", "java.util.Map",
            "java.time.Duration", "dev.legacykafka.test.cluster.*", "dev.legacykafka.test.proxy.*", "dev.legacykafka.test.*", "dev.legacykafka.test.junit.KafkaBrokerTest", "dev.legacykafka.test.reader.*",
            "dev.legacykafka.test.security.*", "org.junit.jupiter.api.Test");

    /** Which READMEs hold Java, and what their snippets may use without saying so. */
    private static final Map<String, List<String>> READMES = Map.of(
            "README.md", CLIENT_AND_SPRING_IMPORTS,
            "legacy-kafka-spring-boot-starter/README.md", CLIENT_AND_SPRING_IMPORTS,
            "legacy-kafka-test/README.md", FIXTURE_IMPORTS,
            "benchmarks/README.md", CLIENT_AND_SPRING_IMPORTS);

    private static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)[^\\n]*\\n(.*?)^```", Pattern.DOTALL);

    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "(?m)^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:public\\s+|final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+\\w+");

    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    private static final Pattern METER_NAME = Pattern.compile("legacykafka\\.producer\\.[a-z]+(?:\\.[a-z]+)+|legacykafka\\.producer\\.retries");

    record Snippet(String readme, int line, String language, String code) {
    }

    static List<Snippet> snippets(String readme, String language) throws IOException {
        String text = Files.readString(ROOT.resolve(readme));
        List<Snippet> result = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                result.add(new Snippet(readme, line, language, m.group(2)));
            }
        }
        return result;
    }

    // ---- (a) Java snippets compile ---------------------------------------------------------------------------

    @Test
    void everyJavaSnippetCompiles(@TempDir Path out) throws IOException {
        List<JavaFileObject> units = new ArrayList<>();
        Map<String, Snippet> byClass = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, List<String>> readme : new java.util.TreeMap<>(READMES).entrySet()) {
            for (Snippet snippet : snippets(readme.getKey(), "java")) {
                String pkg = "readme.s" + (++n);
                String source = compilationUnit(pkg, readme.getValue(), snippet);
                byClass.put(pkg, snippet);
                units.add(new Source(URI.create("string:///" + pkg.replace('.', '/') + "/Snippet.java"), source));
            }
        }
        assertThat(units).as("java snippets found").hasSizeGreaterThanOrEqualTo(6);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-proc:none", "-d", out.toString(), "-classpath",
                    System.getProperty("java.class.path"), "--release", "17");
            boolean ok = compiler.getTask(output, files, diagnostics, options, null, units).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> describe(d, byClass))
                    .toList();
            assertThat(errors).as("compile errors in README snippets\n" + output).isEmpty();
            assertThat(ok).isTrue();
        }
    }

    static String compilationUnit(String pkg, List<String> imports, Snippet snippet) {
        StringBuilder source = new StringBuilder("package " + pkg + ";\n");
        imports.forEach(i -> source.append("import ").append(i).append(";\n"));
        // The snippet starts on line HEADER + 1 of the unit; describe() maps errors back.
        if (TYPE_DECLARATION.matcher(snippet.code()).find()) {
            source.append("// snippet\n").append(snippet.code());
            source.append("class Snippet {}\n");
        } else {
            source.append("class Snippet { void run() throws Exception {\n").append(snippet.code()).append("\n}}\n");
        }
        return source.toString();
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d, Map<String, Snippet> byClass) {
        String pkg = d.getSource() == null ? "?"
                : d.getSource().toUri().getPath().replaceFirst("^/", "").replace("/Snippet.java", "").replace('/', '.');
        Snippet snippet = byClass.get(pkg);
        if (snippet == null) {
            return d.toString();
        }
        int header = READMES.get(snippet.readme()).size() + 2;
        long line = d.getLineNumber() - header + snippet.line();
        return snippet.readme() + ":" + line + ": " + d.getMessage(Locale.ROOT);
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(URI uri, String code) {
            super(uri, Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    // ---- (b) properties and their defaults -------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> metadataProperties() throws IOException {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            Map<String, Object> metadata = JsonMapper.shared().readValue(in, Map.class);
            return ((List<Map<String, Object>>) metadata.get("properties")).stream()
                    .collect(Collectors.toMap(p -> (String) p.get("name"), p -> p, (a, b) -> a, LinkedHashMap::new));
        }
    }

    /** A row of a property table: the property names of its first cell, the defaults of its second. */
    record PropertyRow(String readme, String line, List<String> names, List<String> defaults) {
    }

    static List<PropertyRow> propertyRows(String readme, Map<String, Map<String, Object>> known) throws IOException {
        List<PropertyRow> rows = new ArrayList<>();
        for (String line : tableRows(readme, "| property | default |")) {
            if (!line.startsWith("| `legacykafka.")) {
                continue;
            }
            String[] cells = line.split("\\|");
            List<String> names = expandNames(cells[1], known);
            List<String> defaults = new ArrayList<>();
            for (String part : cells[2].trim().split(" / ")) {
                defaults.add(part.trim());
            }
            rows.add(new PropertyRow(readme, line, names, defaults));
        }
        return rows;
    }

    /** The body rows of every table whose header line starts with {@code header}. */
    static List<String> tableRows(String readme, String header) throws IOException {
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(ROOT.resolve(readme))) {
            if (line.startsWith(header)) {
                inTable = true;
            } else if (!line.startsWith("|")) {
                inTable = false;
            } else if (inTable && !line.startsWith("|--") && !line.startsWith("|:-") && !line.startsWith("|-")) {
                rows.add(line);
            }
        }
        return rows;
    }

    /**
     * Expands a names cell such as {@code `a.b.trust-store-location` / `-type` / `-password`, `ssl.key-password`}:
     * a part starting with {@code -} replaces the last {@code -word} of the first name, any other part is
     * resolved against the longest prefix of the first name that makes it a known property (or else against
     * the first name's parent).
     */
    static List<String> expandNames(String cell, Map<String, Map<String, Object>> known) {
        List<String> parts = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(cell);
        while (m.find()) {
            parts.add(m.group(1));
        }
        List<String> names = new ArrayList<>();
        String first = parts.get(0);
        names.add(first);
        for (String part : parts.subList(1, parts.size())) {
            if (part.startsWith("-")) {
                names.add(first.substring(0, first.lastIndexOf('-')) + part);
                continue;
            }
            String resolved = null;
            for (int dot = first.lastIndexOf('.'); dot > 0 && resolved == null; dot = first.lastIndexOf('.', dot - 1)) {
                String candidate = first.substring(0, dot + 1) + part;
                if (known.containsKey(candidate)) {
                    resolved = candidate;
                }
            }
            names.add(resolved != null ? resolved : first.substring(0, first.lastIndexOf('.') + 1) + part);
        }
        return names;
    }

    @Test
    void everyPropertyInAReadmeTableExistsWithTheDefaultItGives() throws IOException {
        Map<String, Map<String, Object>> known = metadataProperties();
        List<PropertyRow> rows = new ArrayList<>(propertyRows("README.md", known));
        assertThat(rows).as("property table rows in README.md").hasSizeGreaterThanOrEqualTo(30);
        List<String> problems = new ArrayList<>();
        for (PropertyRow row : rows) {
            for (int i = 0; i < row.names().size(); i++) {
                String name = row.names().get(i);
                if (!known.containsKey(name)) {
                    problems.add(name + " is not in the configuration metadata (" + row.readme() + ": " + row.line() + ")");
                    continue;
                }
                if (row.defaults().size() != row.names().size()) {
                    continue; // one description for several properties: nothing to compare one by one
                }
                String documented = row.defaults().get(i);
                if (!documented.matches("`[^`]+`")) {
                    continue; // "–", "generated", "unset", "JDK default": no value to compare
                }
                String value = documented.substring(1, documented.length() - 1);
                Object actual = known.get(name).get("defaultValue");
                String actualText = actual instanceof List<?> list
                        ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                        : String.valueOf(actual);
                if (!actualText.equals(value)) {
                    problems.add(name + ": README says default `" + value + "`, metadata says " + actualText);
                }
            }
        }
        assertThat(problems).isEmpty();

        Set<String> inTable = rows.stream().flatMap(r -> r.names().stream()).collect(Collectors.toSet());
        assertThat(known.keySet().stream().filter(name -> name.startsWith("legacykafka.")))
                .as("properties in the metadata that README.md's table leaves out")
                .allMatch(inTable::contains);
    }

    /** Every {@code legacykafka.*} name in backticks anywhere in the READMEs is a property, a group or a meter. */
    @Test
    void everyLegacyKafkaNameInTheReadmesIsAPropertyAMeterOrASystemProperty() throws IOException {
        Map<String, Map<String, Object>> known = metadataProperties();
        Set<String> meters = registeredMeterNames();
        // System properties of the build and the test fixture, documented where they are read.
        Set<String> systemProperties = Set.of("legacykafka.it.skip", "legacykafka.repository.url",
                "legacykafka.tmpdir", "legacykafka.kcat", "legacykafka.faults.seed", "legacykafka.faults.schedules",
                "legacykafka.faults.baseSeed");
        Set<String> unknown = new TreeSet<>();
        for (String readme : READMES.keySet()) {
            String text = Files.readString(ROOT.resolve(readme));
            Matcher m = Pattern.compile("(?<![\\w.-])legacykafka\\.[A-Za-z0-9.-]*[A-Za-z0-9]").matcher(text);
            while (m.find()) {
                String name = m.group();
                boolean group = known.keySet().stream().anyMatch(p -> p.startsWith(name + "."));
                if (!known.containsKey(name) && !group && !meters.contains(name) && !systemProperties.contains(name)) {
                    unknown.add(readme + ": " + name);
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    // ---- (c) meters ------------------------------------------------------------------------------------------

    /** The meters a producer registers, read from a real registry after each listener callback fired once: name to type. */
    static Map<String, String> registeredMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerProducerListener listener = new MicrometerProducerListener(registry, "docs");
        listener.onThrottle("b1:9092", 0);
        listener.onRecordError(new RecordError("orders", 0, 0, "INVALID_RECORD", null));
        listener.onBatchAcknowledged("orders", 0, 1, 100);
        listener.onRecordsFailed("orders", 1, "MESSAGE_TOO_LARGE");
        listener.onBatchRetried("orders", 0, 1, 1, "NOT_LEADER_OR_FOLLOWER");
        listener.onProduceRequestCompleted("b1:9092", 9, 1_000_000);
        listener.onProduceVersionSelected("b1:9092", 9, 2);
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(
                ProducerConfig.builder().bootstrapServers("127.0.0.1:1").build())) {
            new LegacyKafkaProducerMetrics(producer).bindTo(registry);
        }
        new dev.legacykafka.spring.metrics.SendTimerInstrumentation(registry)
                .start(dev.legacykafka.spring.LegacyKafkaRecord.of("orders", "k", "v"), "docs")
                .success(new dev.legacykafka.client.SendResult("orders", 0, 1, -1, -1, 0, 9));
        Map<String, String> meters = new TreeMap<>();
        registry.getMeters().forEach(meter -> meters.put(meter.getId().getName(), switch (meter.getId().getType()) {
            case TIMER -> "Timer";
            case COUNTER -> "Counter";
            case GAUGE -> "Gauge";
            case DISTRIBUTION_SUMMARY -> "DistributionSummary";
            default -> meter.getId().getType().name();
        }));
        return meters;
    }

    static Set<String> registeredMeterNames() {
        return registeredMeters().keySet();
    }

    @Test
    void everyMeterNameInTheReadmesExists() throws IOException {
        Set<String> meters = registeredMeterNames();
        Set<String> documented = new LinkedHashSet<>();
        for (String readme : List.of("README.md", "legacy-kafka-spring-boot-starter/README.md")) {
            Matcher m = METER_NAME.matcher(Files.readString(ROOT.resolve(readme)));
            while (m.find()) {
                documented.add(m.group());
            }
        }
        assertThat(documented).as("meter names in the READMEs").hasSizeGreaterThanOrEqualTo(9);
        assertThat(meters).containsAll(documented);
    }

    @Test
    void theMeterTableListsEveryMeterWithItsType() throws IOException {
        Map<String, String> table = new TreeMap<>();
        Pattern row = Pattern.compile("^\\| `(legacykafka\\.(?:producer|template)\\.[a-z.]+)` \\| (\\w+)");
        for (String line : tableRows("README.md", "| meter | type |")) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                table.put(m.group(1), m.group(2));
            }
        }
        assertThat(table).isEqualTo(registeredMeters());
    }

    // ---- the BOM ---------------------------------------------------------------------------------------------

    @Test
    void theBomManagesEveryPublishedArtifactAtTheProjectVersion() throws Exception {
        Document root = xml(ROOT.resolve("pom.xml"));
        Document bom = xml(ROOT.resolve("legacy-kafka-bom/pom.xml"));
        String version = childText(root.getDocumentElement(), "version");
        assertThat(childText(bom.getDocumentElement(), "version")).isEqualTo(version);

        Set<String> published = new TreeSet<>();
        NodeList modules = root.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            Document pom = xml(ROOT.resolve(module).resolve("pom.xml"));
            String artifactId = childText(pom.getDocumentElement(), "artifactId");
            boolean deploySkipped = pom.getElementsByTagName("maven.deploy.skip").getLength() > 0;
            if (!artifactId.equals("legacy-kafka-bom") && !deploySkipped) {
                published.add(artifactId);
            }
        }
        Set<String> managed = new TreeSet<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            assertThat(childText(dependency, "groupId")).isEqualTo("dev.legacykafka");
            assertThat(childText(dependency, "version")).isEqualTo("${project.version}");
            managed.add(childText(dependency, "artifactId"));
        }
        assertThat(managed).isEqualTo(published).contains("legacy-kafka-client", "legacy-kafka-test",
                "legacy-kafka-spring-boot-autoconfigure", "legacy-kafka-spring-boot-starter");

        // The coordinates the READMEs give carry the project's version.
        for (String readme : List.of("README.md", "legacy-kafka-test/README.md")) {
            for (Snippet snippet : snippets(readme, "xml")) {
                Matcher m = Pattern.compile("<version>([^<$]+)</version>").matcher(snippet.code());
                while (m.find()) {
                    assertThat(m.group(1)).as(readme + ":" + snippet.line()).isEqualTo(version);
                }
            }
        }
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String childText(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }
}
