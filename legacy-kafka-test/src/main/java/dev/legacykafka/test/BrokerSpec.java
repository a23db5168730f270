package dev.legacykafka.test;

import dev.legacykafka.test.security.BrokerSecurity;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What broker to run: a release, broker config overrides, JVM options, how long it may take to
 * start, and which secured listeners it opens. Specs are values: two equal specs share one broker in
 * {@link KafkaBrokers#shared(BrokerSpec)}.
 *
 * <pre>{@code
 * BrokerSpec spec = BrokerSpec.of("2.8.2")
 *         .withConfig("auto.create.topics.enable", "false")
 *         .withConfig("quota.producer.default", "1048576")
 *         .withSecurity(BrokerSecurity.of(ListenerSecurity.SASL_SSL)
 *                 .withSaslMechanisms(SaslMechanism.SCRAM_SHA_512));
 * }</pre>
 *
 * @param version the broker release
 * @param config broker settings that override the fixture's single-broker defaults (and its
 *     security settings)
 * @param jvmOptions options of the broker JVM (heap, GC, ...)
 * @param startTimeout how long the broker may take to answer Metadata after its JVM starts
 * @param security the SSL and SASL listeners the broker opens besides PLAINTEXT;
 *     {@link BrokerSecurity#NONE} for none
 */
public record BrokerSpec(KafkaVersion version, Map<String, String> config, List<String> jvmOptions,
        Duration startTimeout, BrokerSecurity security) {

    /**
     * JVM options of broker processes unless overridden: a small heap and the serial collector
     * suit a laptop or a two-core CI machine running several brokers.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xmx384m", "-Xss1m", "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Djava.net.preferIPv4Stack=true", "-Djava.awt.headless=true");

    /** Start timeout unless overridden: KRaft brokers need 10-15 s on two busy cores. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * Validates and freezes the components; config keys are kept sorted.
     *
     * @throws IllegalArgumentException if the security settings do not fit together or the release
     *     lacks them, see {@link BrokerSecurity#checkSupportedBy(KafkaVersion)}
     */
    public BrokerSpec {
        Objects.requireNonNull(version, "version");
        config = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(config, "config")));
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(security, "security").checkSupportedBy(version);
    }

    /** A spec without secured listeners, as specs were before security existed. */
    public BrokerSpec(KafkaVersion version, Map<String, String> config, List<String> jvmOptions,
            Duration startTimeout) {
        this(version, config, jvmOptions, startTimeout, BrokerSecurity.NONE);
    }

    /** A broker of the given release with the fixture's defaults, e.g. {@code of("0.8.2.2")}. */
    public static BrokerSpec of(String version) {
        return of(KafkaVersion.parse(version));
    }

    /** A broker of the given release with the fixture's defaults. */
    public static BrokerSpec of(KafkaVersion version) {
        return new BrokerSpec(version, Map.of(), DEFAULT_JVM_OPTIONS, DEFAULT_START_TIMEOUT, BrokerSecurity.NONE);
    }

    /** This spec with one more broker setting (replacing an earlier value of the same key). */
    public BrokerSpec withConfig(String key, String value) {
        Map<String, String> merged = new TreeMap<>(config);
        merged.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new BrokerSpec(version, merged, jvmOptions, startTimeout, security);
    }

    /** This spec with more broker settings. */
    public BrokerSpec withConfig(Map<String, String> settings) {
        Map<String, String> merged = new TreeMap<>(config);
        merged.putAll(settings);
        return new BrokerSpec(version, merged, jvmOptions, startTimeout, security);
    }

    /**
     * This spec with broker settings given as {@code key=value} strings, as in annotations.
     *
     * @throws IllegalArgumentException if an entry has no {@code =} or an empty key
     */
    public BrokerSpec withConfigEntries(String... keyValues) {
        Map<String, String> merged = new TreeMap<>(config);
        for (String entry : keyValues) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Broker setting must look like key=value: '" + entry + "'");
            }
            merged.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return new BrokerSpec(version, merged, jvmOptions, startTimeout, security);
    }

    /** This spec with the given JVM options instead of the current ones. */
    public BrokerSpec withJvmOptions(String... options) {
        return new BrokerSpec(version, config, Arrays.asList(options), startTimeout, security);
    }

    /** This spec with another start timeout. */
    public BrokerSpec withStartTimeout(Duration timeout) {
        return new BrokerSpec(version, config, jvmOptions, timeout, security);
    }

    /**
     * This spec with secured listeners: SSL, SASL_PLAINTEXT and SASL_SSL, each on a port of its own
     * next to the PLAINTEXT one. Reach them with {@code KafkaBroker.bootstrapServers(ListenerSecurity)}.
     *
     * @throws IllegalArgumentException if the settings do not fit together or this release lacks them
     */
    public BrokerSpec withSecurity(BrokerSecurity brokerSecurity) {
        return new BrokerSpec(version, config, jvmOptions, startTimeout, brokerSecurity);
    }

    @Override
    public String toString() {
        return "Kafka " + version + (config.isEmpty() ? "" : " " + config)
                + (security.isEnabled() ? " " + security : "");
    }
}
