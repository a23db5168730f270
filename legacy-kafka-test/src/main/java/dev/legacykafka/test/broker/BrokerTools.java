package dev.legacykafka.test.broker;

import dev.legacykafka.test.BrokerToolException;
import dev.legacykafka.test.KafkaVersion;
import dev.legacykafka.test.ToolResult;
import dev.legacykafka.test.security.SaslMechanism;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs the broker distribution's own command line tools (topic, config and storage tools, console
 * consumers, ...) in short-lived child JVMs with the broker's classpath, so that the fixture needs
 * no Kafka client of its own and every tool matches its broker.
 */
final class BrokerTools {

    /** Short-lived JVMs: C1 only and class data sharing start fastest. */
    static final List<String> TOOL_JVM_OPTIONS = List.of(
            "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto",
            "-Djava.net.preferIPv4Stack=true", "-Djava.awt.headless=true");

    private static final List<String> TOPIC_COMMANDS = List.of(
            "kafka.admin.TopicCommand", "org.apache.kafka.tools.TopicCommand");
    private static final List<String> CONFIG_COMMANDS = List.of(
            "kafka.admin.ConfigCommand", "org.apache.kafka.tools.ConfigCommand");
    private static final List<String> STORAGE_TOOLS = List.of(
            "kafka.tools.StorageTool", "org.apache.kafka.tools.StorageTool");

    private final KafkaVersion version;
    private final List<Path> brokerJars;
    private final Path brokerArgFile;
    private final List<Path> toolJars;
    private final Path toolArgFile;
    private final List<String> jvmOptions;
    private final Map<String, Path> classpathOfClass = new ConcurrentHashMap<>();

    /**
     * @param version the broker release
     * @param brokerJars the broker classpath, searched for tool classes first
     * @param brokerArgFile the same classpath as a {@code java @file}
     * @param toolJars the classpath of the separately published tools, may be empty
     * @param dir where the tools' classpath file and logging configuration are written
     */
    BrokerTools(KafkaVersion version, List<Path> brokerJars, Path brokerArgFile, List<Path> toolJars, Path dir) {
        this.version = version;
        this.brokerJars = brokerJars;
        this.brokerArgFile = brokerArgFile;
        this.toolJars = toolJars;
        this.toolArgFile = dir.resolve("tools-classpath.args");
        if (!toolJars.isEmpty()) {
            ChildJvm.writeClasspathArgFile(toolArgFile, toolJars);
        }
        List<String> options = new ArrayList<>(TOOL_JVM_OPTIONS);
        options.addAll(LoggingConfig.write(dir, true));
        this.jvmOptions = List.copyOf(options);
    }

    /**
     * Runs a main class from the broker classpath, or from the tools' one if only that has it;
     * kills it and throws after the timeout.
     */
    ToolResult run(String mainClass, List<String> args, Duration timeout) {
        Path classpath = classpathOf(mainClass);
        Process process = ChildJvm.of(classpath == null ? brokerArgFile : classpath, mainClass)
                .jvmOptions(jvmOptions).args(args).startCapturingOutput();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream(), output), "legacy-kafka-tool-output");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                ProcessReaper.killTree(process);
            }
            reader.join(5_000);
            String text = output(output);
            if (!exited) {
                throw new BrokerToolException(mainClass + " " + String.join(" ", args) + " did not finish within "
                        + timeout + "; output so far:\n" + text);
            }
            return new ToolResult(process.exitValue(), text);
        } catch (InterruptedException e) {
            ProcessReaper.killTree(process);
            Thread.currentThread().interrupt();
            throw new BrokerToolException(mainClass + " interrupted");
        } finally {
            ProcessReaper.unregister(process);
        }
    }

    /** Creates a topic with replication factor 1, see {@link #createTopic(String, String, String, int, int, Map)}. */
    void createTopic(String bootstrapServers, String zookeeperConnect, String name, int partitions,
            Map<String, String> topicConfigs) {
        createTopic(bootstrapServers, zookeeperConnect, name, partitions, 1, topicConfigs);
    }

    /** Creates a topic through ZooKeeper or the broker, depending on what the tool of this release speaks. */
    void createTopic(String bootstrapServers, String zookeeperConnect, String name, int partitions,
            int replicationFactor, Map<String, String> topicConfigs) {
        List<String> args = new ArrayList<>();
        if (version.topicCommandUsesBootstrapServer()) {
            args.addAll(List.of("--bootstrap-server", bootstrapServers));
        } else {
            args.addAll(List.of("--zookeeper", zookeeperConnect));
        }
        args.addAll(List.of("--create", "--topic", name, "--partitions", Integer.toString(partitions),
                "--replication-factor", Integer.toString(replicationFactor)));
        topicConfigs.forEach((key, value) -> args.addAll(List.of("--config", key + "=" + value)));
        String tool = findClass(TOPIC_COMMANDS);
        ToolResult result = run(tool, args, Duration.ofSeconds(60));
        // 0.8.x reports errors on stdout and still exits with 0.
        if (!result.succeeded() || result.output().contains("Error while executing")) {
            throw new BrokerToolException("Creating topic " + name + " on Kafka " + version + " failed (exit "
                    + result.exitCode() + "):\n" + result.output());
        }
    }

    /** Sets client quotas through ZooKeeper (before 2.6) or the broker. */
    void alterClientQuotas(String bootstrapServers, String zookeeperConnect, String clientId,
            Map<String, String> quotas) {
        List<String> args = new ArrayList<>();
        if (version.configCommandUsesBootstrapServer()) {
            args.addAll(List.of("--bootstrap-server", bootstrapServers));
        } else {
            args.addAll(List.of("--zookeeper", zookeeperConnect));
        }
        String values = quotas.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        args.addAll(List.of("--alter", "--entity-type", "clients", "--entity-name", clientId, "--add-config", values));
        ToolResult result = run(findClass(CONFIG_COMMANDS), args, Duration.ofSeconds(60));
        if (!result.succeeded() || result.output().contains("Error while executing")) {
            throw new BrokerToolException("Setting quotas " + values + " for client " + clientId + " on Kafka "
                    + version + " failed (exit " + result.exitCode() + "):\n" + result.output());
        }
    }

    /**
     * Writes a user's SCRAM credentials: into ZooKeeper for ZooKeeper-mode brokers (every release
     * with SCRAM, 0.10.2 on), else through the broker (KRaft).
     *
     * @param zookeeperConnect the broker's ZooKeeper, or null to go through the broker
     */
    void alterScramCredentials(String bootstrapServers, String zookeeperConnect, SaslMechanism mechanism, String user,
            String password) {
        List<String> args = new ArrayList<>();
        if (zookeeperConnect != null) {
            args.addAll(List.of("--zookeeper", zookeeperConnect));
        } else {
            args.addAll(List.of("--bootstrap-server", bootstrapServers));
        }
        // Kafka's minimum iteration count: the broker and every login do this much PBKDF2 work.
        String credentials = mechanism.mechanismName() + "=[iterations=4096,password=" + password + "]";
        args.addAll(List.of("--alter", "--entity-type", "users", "--entity-name", user, "--add-config", credentials));
        ToolResult result = run(findClass(CONFIG_COMMANDS), args, Duration.ofSeconds(60));
        if (!result.succeeded() || result.output().contains("Error while executing")) {
            throw new BrokerToolException("Creating " + mechanism + " user " + user + " on Kafka " + version
                    + " failed (exit " + result.exitCode() + "):\n" + result.output());
        }
    }

    /** Formats a KRaft log directory for the given cluster id. */
    void formatStorage(Path serverProperties, String clusterId) {
        List<String> args = List.of("format", "-t", clusterId, "-c", serverProperties.toString());
        ToolResult result = run(findClass(STORAGE_TOOLS), args, Duration.ofSeconds(60));
        if (!result.succeeded()) {
            throw new BrokerToolException("Formatting KRaft storage for Kafka " + version + " failed (exit "
                    + result.exitCode() + "):\n" + result.output());
        }
    }

    /** The first of the candidate classes on either classpath; tools moved between releases. */
    String findClass(List<String> candidates) {
        for (String candidate : candidates) {
            if (classpathOf(candidate) != null) {
                return candidate;
            }
        }
        throw new BrokerToolException("None of " + candidates + " is on the classpath of Kafka " + version);
    }

    /** The argument file of the classpath holding the class, the broker's first; null if neither. */
    private Path classpathOf(String className) {
        Path found = classpathOfClass.get(className);
        if (found != null) {
            return found;
        }
        String entry = className.replace('.', '/') + ".class";
        if (brokerJars.stream().anyMatch(jar -> containsEntry(jar, entry))) {
            found = brokerArgFile;
        } else if (toolJars.stream().anyMatch(jar -> containsEntry(jar, entry))) {
            found = toolArgFile;
        } else {
            return null;
        }
        classpathOfClass.put(className, found);
        return found;
    }

    private static boolean containsEntry(Path jar, String entry) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry found = zip.getEntry(entry);
            return found != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // The process was killed; keep what was read.
        }
    }

    private static String output(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
