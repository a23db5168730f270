package dev.legacykafka.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A class loader holding another kafka-clients line (3.9.1, for brokers before 2.1) apart from the
 * 4.x one on the harness' classpath. Its parent is the JDK's platform loader, so {@code org.apache.kafka}
 * classes come from its own jars only; from the harness it sees just what the two sides exchange:
 * the {@link #SHARED} interfaces and classes, slf4j (so 3.9.1 logs where the harness logs), and the
 * compression codecs (zstd-jni and snappy load a native library, which a JVM binds to one loader only).
 *
 * <p>The harness' own {@link #DRIVERS} (the kafka-clients driver and the topic admin, compiled
 * against 4.x's API, which 3.9.1 shares for what they use) are defined again here from the same
 * class bytes, so that their references to kafka-clients resolve to 3.9.1.
 */
final class IsolatedKafkaClients extends URLClassLoader {

    /** Where {@code package} copies kafka-clients 3.9.1, beside {@code target/classes}. */
    static final String JAR_DIRECTORY = "kafka-clients-3.9";
    /** Overrides the directory of the 3.9.1 jar(s). */
    static final String JAR_DIRECTORY_PROPERTY = "legacykafka.bench.kafkaClients39";

    /** Harness types the loaded classes exchange with it: one {@code Class} on both sides. */
    static final Set<String> SHARED = Set.of(ProducerDriver.class.getName(), Measurement.class.getName(),
            TopicAdmin.class.getName());
    /** Harness classes defined again in this loader (with their nested and anonymous classes). */
    static final List<String> DRIVERS = List.of(KafkaClientsDriver.class.getName(), KafkaClientsTopics.class.getName());
    /** Packages taken from the harness' loader besides {@link #SHARED}: logging, and the native codecs. */
    private static final List<String> SHARED_PACKAGES = List.of("org.slf4j.", "com.github.luben.zstd.",
            "org.xerial.snappy.", "net.jpountz.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader harness;

    IsolatedKafkaClients(List<Path> jars) {
        super("kafka-clients-isolated", urls(jars), ClassLoader.getPlatformClassLoader());
        this.harness = IsolatedKafkaClients.class.getClassLoader();
    }

    /** A loader over every jar in {@code directory}. */
    static IsolatedKafkaClients of(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("No jar in " + directory);
            }
            return new IsolatedKafkaClients(jars);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory + " (run the package phase first)", e);
        }
    }

    /**
     * The directory of the 3.9.1 jar: {@value #JAR_DIRECTORY_PROPERTY} if set, else
     * {@code target/kafka-clients-3.9} beside the {@code target/classes} the harness runs from.
     */
    static Path defaultDirectory() {
        String configured = System.getProperty(JAR_DIRECTORY_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            Path classes = Path.of(IsolatedKafkaClients.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.resolveSibling(JAR_DIRECTORY);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the harness classes", e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                if (SHARED.contains(name) || SHARED_PACKAGES.stream().anyMatch(name::startsWith)) {
                    loaded = harness.loadClass(name);
                } else if (isDriver(name)) {
                    loaded = defineFromHarness(name);
                } else {
                    // JDK first (the platform parent), then the jars; nothing else of the harness.
                    loaded = super.loadClass(name, false);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private static boolean isDriver(String name) {
        for (String driver : DRIVERS) {
            if (name.equals(driver) || name.startsWith(driver + "$")) {
                return true;
            }
        }
        return false;
    }

    private Class<?> defineFromHarness(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = harness.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(jars.get(i).toString(), e);
            }
        }
        return urls;
    }
}
