package dev.legacykafka.test.broker;

import dev.legacykafka.test.BrokerSpec;
import dev.legacykafka.test.BrokerToolException;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaVersion;
import dev.legacykafka.test.ToolResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A broker in a Docker container of the official {@code apache/kafka} image (3.7 and later), for
 * machines with a Docker engine. Needs {@code org.testcontainers:testcontainers-kafka} on the
 * classpath; nothing else in the fixture loads this class.
 *
 * <p>A container cannot come back on the same port, so {@link #start()} after a stop and
 * {@link #restart()} are not supported; {@link #kill()} and {@link #stop()} are.
 */
public final class ContainerKafkaBroker implements KafkaBroker {

    /** The first release published as an {@code apache/kafka} image. */
    public static final KafkaVersion FIRST_IMAGE_VERSION = KafkaVersion.parse("3.7.0");

    private static final String BIN = "/opt/kafka/bin/";
    // The image's listener for clients inside the container (9092 is mapped for the host).
    private static final String INTERNAL_BOOTSTRAP = "localhost:9093";

    private final KafkaVersion version;
    private final KafkaContainer container;
    private final MetadataProbe probe;

    private ContainerKafkaBroker(KafkaVersion version, KafkaContainer container) {
        this.version = version;
        this.container = container;
        this.probe = new MetadataProbe(host(), port(), version, 5_000);
    }

    /** True if a Docker engine answers; without one, containers cannot start. */
    public static boolean isDockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /**
     * Starts {@code apache/kafka:<version>} with the spec's broker settings as environment.
     *
     * @param spec the broker to run; its JVM options and start timeout are not used
     * @return the running broker; the caller closes it
     * @throws IllegalArgumentException for releases without an image (before 3.7)
     * @throws UnsupportedOperationException for specs with security (SSL and SASL listeners)
     */
    public static ContainerKafkaBroker start(BrokerSpec spec) {
        if (spec.security().isEnabled()) {
            throw new UnsupportedOperationException("Container brokers have no SSL or SASL listeners here; use"
                    + " KafkaBrokers.dedicated(spec) or KafkaBrokers.shared(spec) for " + spec.security());
        }
        if (spec.version().compareTo(FIRST_IMAGE_VERSION) < 0) {
            throw new IllegalArgumentException("No apache/kafka image for Kafka " + spec.version()
                    + "; images start with " + FIRST_IMAGE_VERSION + ". Use KafkaBrokers.dedicated(spec).");
        }
        KafkaContainer container = new KafkaContainer(DockerImageName.parse("apache/kafka:" + spec.version()));
        spec.config().forEach((key, value) -> container.withEnv(environmentName(key), value));
        container.start();
        return new ContainerKafkaBroker(spec.version(), container);
    }

    /** The image's environment variable for a broker setting: {@code log.retention.ms} → {@code KAFKA_LOG_RETENTION_MS}. */
    static String environmentName(String key) {
        return "KAFKA_" + key.replace("_", "__").replace("-", "___").replace(".", "_").toUpperCase(Locale.ROOT);
    }

    @Override
    public String bootstrapServers() {
        return host() + ":" + port();
    }

    @Override
    public KafkaVersion version() {
        return version;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(9092);
    }

    @Override
    public Optional<String> zookeeperConnect() {
        return Optional.empty();
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> topicConfigs) {
        List<String> command = new ArrayList<>(List.of(BIN + "kafka-topics.sh", "--bootstrap-server",
                INTERNAL_BOOTSTRAP, "--create", "--topic", name, "--partitions", Integer.toString(partitions),
                "--replication-factor", "1"));
        topicConfigs.forEach((key, value) -> command.addAll(List.of("--config", key + "=" + value)));
        ToolResult result = exec(command);
        if (!result.succeeded()) {
            throw new BrokerToolException("Creating topic " + name + " failed:\n" + result.output());
        }
        String failure = probe.awaitLeaders(name, partitions, 60_000);
        if (failure != null) {
            throw new BrokerToolException("Topic " + name + " has no leader for all partitions: " + failure);
        }
    }

    @Override
    public void setClientQuota(String clientId, Map<String, String> quotas) {
        String values = quotas.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        ToolResult result = exec(List.of(BIN + "kafka-configs.sh", "--bootstrap-server", INTERNAL_BOOTSTRAP,
                "--alter", "--entity-type", "clients", "--entity-name", clientId, "--add-config", values));
        if (!result.succeeded()) {
            throw new BrokerToolException("Setting quotas " + values + " failed:\n" + result.output());
        }
    }

    /** Runs the class through the image's {@code kafka-run-class.sh}; the timeout is not enforced. */
    @Override
    public ToolResult runTool(String mainClass, List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(BIN + "kafka-run-class.sh", mainClass));
        command.addAll(args);
        return exec(command);
    }

    @Override
    public String logTail(int lines) {
        List<String> all = Arrays.asList(container.getLogs().split("\r?\n"));
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    /** Supported only while running (a no-op); a stopped container cannot come back on its port. */
    @Override
    public void start() {
        if (!isRunning()) {
            throw new UnsupportedOperationException("A stopped container broker cannot be started again on the"
                    + " same port; use KafkaBrokers.dedicated(spec) for restart tests");
        }
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public void restart() {
        throw new UnsupportedOperationException("A container broker cannot restart on the same port; use"
                + " KafkaBrokers.dedicated(spec) for restart tests");
    }

    @Override
    public void kill() {
        if (isRunning()) {
            container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public void close() {
        container.close();
    }

    @Override
    public String toString() {
        return "Kafka " + version + " in container on " + bootstrapServers();
    }

    private ToolResult exec(List<String> command) {
        try {
            Container.ExecResult result = container.execInContainer(command.toArray(String[]::new));
            return new ToolResult(result.getExitCode(), result.getStdout() + result.getStderr());
        } catch (IOException e) {
            throw new BrokerToolException("Cannot run " + command + " in the container: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerToolException("Interrupted running " + command);
        }
    }
}
