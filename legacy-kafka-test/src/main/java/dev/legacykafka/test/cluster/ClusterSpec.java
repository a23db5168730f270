package dev.legacykafka.test.cluster;

import dev.legacykafka.test.KafkaVersion;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What cluster to run: a release, how many brokers, broker settings that override the fixture's
 * cluster defaults, the brokers' JVM options and how long they may take to start.
 *
 * <pre>{@code
 * ClusterSpec spec = ClusterSpec.of("2.8.2")                 // 3 brokers
 *         .withBrokers(5)
 *         .withConfig("auto.create.topics.enable", "false");
 * }</pre>
 *
 * <p>The fixture's defaults for {@code n} brokers: {@code default.replication.factor=min(3, n)},
 * {@code min.insync.replicas=min(2, n)}, the offsets and transaction-state topics with the same
 * replication factor and minimum ISR, {@code unclean.leader.election.enable=false},
 * {@code zookeeper.session.timeout.ms=6000} (ZooKeeper releases) and short failure-detection
 * timeouts; the README of this module lists them all.
 *
 * @param version the release every broker runs; 0.10.2 or newer (named listeners)
 * @param brokers how many brokers, with ids {@code 1..brokers}
 * @param config broker settings applied to every broker after the fixture's defaults
 * @param jvmOptions options of each broker JVM
 * @param startTimeout how long the whole cluster may take to start, and one broker to start again
 */
public record ClusterSpec(KafkaVersion version, int brokers, Map<String, String> config, List<String> jvmOptions,
        Duration startTimeout) {

    /** Brokers in a cluster unless told otherwise. */
    public static final int DEFAULT_BROKERS = 3;

    /**
     * JVM options of each broker unless overridden: a 512 MB heap and the serial collector, so
     * that three brokers and a ZooKeeper fit a two-core CI machine.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xmx512m", "-Xss1m", "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Djava.net.preferIPv4Stack=true", "-Djava.awt.headless=true");

    /** Start timeout unless overridden: three KRaft voters start together on two busy cores. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Validates and freezes the components; config keys are kept sorted.
     *
     * @throws IllegalArgumentException if the release is older than 0.10.2 (no named listeners, so
     *     no proxied client listener) or {@code brokers} is not positive
     */
    public ClusterSpec {
        Objects.requireNonNull(version, "version");
        if (version.before("0.10.2")) {
            throw new IllegalArgumentException("Kafka " + version + " cannot run as a KafkaCluster: it needs named"
                    + " listeners (listener.security.protocol.map, inter.broker.listener.name), which came with"
                    + " 0.10.2; use KafkaBrokers for a single broker");
        }
        if (brokers < 1) {
            throw new IllegalArgumentException("A cluster needs at least one broker, not " + brokers);
        }
        config = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(config, "config")));
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** A cluster of {@value #DEFAULT_BROKERS} brokers of the given release, e.g. {@code of("0.11.0.3")}. */
    public static ClusterSpec of(String version) {
        return of(KafkaVersion.parse(version));
    }

    /** A cluster of {@value #DEFAULT_BROKERS} brokers of the given release. */
    public static ClusterSpec of(KafkaVersion version) {
        return new ClusterSpec(version, DEFAULT_BROKERS, Map.of(), DEFAULT_JVM_OPTIONS, DEFAULT_START_TIMEOUT);
    }

    /** This spec with another number of brokers. */
    public ClusterSpec withBrokers(int count) {
        return new ClusterSpec(version, count, config, jvmOptions, startTimeout);
    }

    /** This spec with one more broker setting (replacing an earlier value of the same key). */
    public ClusterSpec withConfig(String key, String value) {
        Map<String, String> merged = new TreeMap<>(config);
        merged.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new ClusterSpec(version, brokers, merged, jvmOptions, startTimeout);
    }

    /** This spec with more broker settings. */
    public ClusterSpec withConfig(Map<String, String> settings) {
        Map<String, String> merged = new TreeMap<>(config);
        merged.putAll(settings);
        return new ClusterSpec(version, brokers, merged, jvmOptions, startTimeout);
    }

    /** This spec with the given JVM options instead of the current ones. */
    public ClusterSpec withJvmOptions(String... options) {
        return new ClusterSpec(version, brokers, config, Arrays.asList(options), startTimeout);
    }

    /** This spec with another start timeout. */
    public ClusterSpec withStartTimeout(Duration timeout) {
        return new ClusterSpec(version, brokers, config, jvmOptions, timeout);
    }

    @Override
    public String toString() {
        return brokers + " x Kafka " + version + (config.isEmpty() ? "" : " " + config);
    }
}
