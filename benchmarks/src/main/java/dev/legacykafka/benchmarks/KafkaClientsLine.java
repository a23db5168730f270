package dev.legacykafka.benchmarks;

import dev.legacykafka.test.KafkaVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Properties;

/**
 * Which kafka-clients the peer is: the 4.x on the harness' classpath, which speaks to brokers from
 * 2.1 on only (older ones fail with {@code UnsupportedVersionException}), or 3.9.1, the last line
 * that speaks to 0.10.x–2.0 brokers, in an {@link IsolatedKafkaClients} loader. The same driver and
 * topic-admin classes run on both: what they use of the API is the same in both lines.
 */
final class KafkaClientsLine {

    /** The oldest broker kafka-clients 4.x speaks to. */
    static final String NEWEST_LINE_MINIMUM_BROKER = "2.1";

    /** {@code auto}: by the broker version; {@code 4}: the classpath's; {@code 3.9}: the isolated 3.9.1. */
    enum Choice { AUTO, CLASSPATH, OLD_LINE }

    private final ClassLoader loader;
    private final String version;
    private final boolean isolated;

    private KafkaClientsLine(ClassLoader loader, boolean isolated) {
        this.loader = loader;
        this.isolated = isolated;
        this.version = versionIn(loader);
    }

    /** Whether a broker of this release needs the old line (it is older than 2.1). */
    static boolean needsOldLine(KafkaVersion broker) {
        return broker.before(NEWEST_LINE_MINIMUM_BROKER);
    }

    /** The line for the options: the one {@code --kafka-clients} names, else by the broker version. */
    static KafkaClientsLine forOptions(BenchmarkOptions options) {
        boolean old = switch (options.kafkaClientsLine()) {
            case OLD_LINE -> true;
            case CLASSPATH -> false;
            case AUTO -> !options.nullBroker() && needsOldLine(options.brokerVersion());
        };
        return old ? oldLine() : classpath();
    }

    /** The kafka-clients on the harness' classpath. */
    static KafkaClientsLine classpath() {
        return new KafkaClientsLine(KafkaClientsLine.class.getClassLoader(), false);
    }

    /** kafka-clients 3.9.1 from {@link IsolatedKafkaClients#defaultDirectory()}, in a loader of its own. */
    static KafkaClientsLine oldLine() {
        return new KafkaClientsLine(IsolatedKafkaClients.of(IsolatedKafkaClients.defaultDirectory()), true);
    }

    /** The release, read from the loaded jar itself (e.g. {@code 3.9.1}). */
    String version() {
        return version;
    }

    /** Whether this is the isolated old line. */
    boolean isolated() {
        return isolated;
    }

    /**
     * The row label of a kafka-clients client: the plain label for the classpath's line (as in the
     * earlier results), with the release appended for the old line, e.g. {@code kafka-clients 3.9.1}.
     */
    String label(String plainLabel) {
        return isolated ? plainLabel + " " + version : plainLabel;
    }

    /** The row label of a client: kafka-clients' names the release when it is not the classpath's line. */
    String rowLabel(BenchmarkOptions.Client client) {
        return client == BenchmarkOptions.Client.KAFKA_CLIENTS || client == BenchmarkOptions.Client.KAFKA_CLIENTS_INFLIGHT1
                ? label(client.label) : client.label;
    }

    /** For the header: which kafka-clients, and why. */
    String describe() {
        return "kafka-clients " + version + (isolated ? " (own class loader; 4.x needs brokers from "
                + NEWEST_LINE_MINIMUM_BROKER + ")" : " (classpath)");
    }

    /** A producer driver of this line. */
    ProducerDriver newDriver(String name, Properties settings, String topic) {
        return (ProducerDriver) instantiate(KafkaClientsDriver.class.getName(),
                new Class<?>[] {String.class, Properties.class, String.class}, name, settings, topic);
    }

    /** Topic creation and end offsets through this line's Admin. */
    TopicAdmin topicAdmin(String bootstrapServers) {
        return (TopicAdmin) instantiate(KafkaClientsTopics.class.getName(), new Class<?>[] {String.class},
                bootstrapServers);
    }

    private Object instantiate(String className, Class<?>[] types, Object... args) {
        // kafka-clients instantiates configured class names (none are set here, but defaults may be)
        // through the context class loader: let it be the line's own while the client is built.
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return Class.forName(className, true, loader).getConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Cannot create " + className + " of kafka-clients " + version, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + className + " of kafka-clients " + version, e);
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    /** The {@code version} in the kafka-clients jar's {@code kafka/kafka-version.properties}, as its AppInfoParser reads it. */
    private static String versionIn(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream("kafka/kafka-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("No kafka-clients in " + loader);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
