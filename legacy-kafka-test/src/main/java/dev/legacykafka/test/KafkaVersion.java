package dev.legacykafka.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Apache Kafka release number such as {@code 0.8.2.2} or {@code 4.4.0}, and what that release
 * means for running it as a broker: which Scala build to download, whether it needs ZooKeeper,
 * which protocol features it speaks.
 *
 * <p>Instances are immutable, compare numerically ({@code 0.10.2.2 > 0.9.0.1}) and are equal when
 * their numbers are equal ({@code 2.8} equals {@code 2.8.0}).
 */
public final class KafkaVersion implements Comparable<KafkaVersion> {

    private static final Pattern FORMAT = Pattern.compile("\\d+(\\.\\d+){1,3}");

    private final String text;
    private final int[] parts;

    private KafkaVersion(String text, int[] parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * Parses a release number of two to four numeric parts.
     *
     * @param version such as {@code "0.8.2.2"}, {@code "2.8.2"} or {@code "4.4.0"}
     * @return the version
     * @throws IllegalArgumentException if the text is not a plain numeric release number
     */
    public static KafkaVersion parse(String version) {
        Objects.requireNonNull(version, "version");
        String trimmed = version.trim();
        if (!FORMAT.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(
                    "Not a Kafka release number (expected e.g. 0.8.2.2 or 4.4.0): '" + version + "'");
        }
        int[] parts = Arrays.stream(trimmed.split("\\.")).mapToInt(Integer::parseInt).toArray();
        return new KafkaVersion(trimmed, parts);
    }

    /** The major number: 0 for 0.10.2.2, 4 for 4.4.0. */
    public int major() {
        return parts[0];
    }

    /** The minor number: 10 for 0.10.2.2, 4 for 4.4.0. */
    public int minor() {
        return parts[1];
    }

    /**
     * True if this version is at least the given one.
     *
     * @param other a release number such as {@code "0.10"}
     * @return {@code this >= other}
     */
    public boolean atLeast(String other) {
        return compareTo(parse(other)) >= 0;
    }

    /**
     * True if this version is older than the given one.
     *
     * @param other a release number such as {@code "2.2"}
     * @return {@code this < other}
     */
    public boolean before(String other) {
        return compareTo(parse(other)) < 0;
    }

    /**
     * The Scala binary version the broker artifact is published for on Maven Central. Releases were
     * built for several Scala versions; this picks one that exists for every release of the line.
     *
     * @return {@code 2.10} for 0.8.x, {@code 2.11} for 0.9 to 0.11, {@code 2.12} for 1.x to 2.3,
     *     {@code 2.13} from 2.4 on
     */
    public String scalaBinaryVersion() {
        if (before("0.9")) {
            return "2.10";
        }
        if (before("1.0")) {
            return "2.11";
        }
        if (before("2.4")) {
            return "2.12";
        }
        return "2.13";
    }

    /** The broker's Maven artifact id, e.g. {@code kafka_2.10} for 0.8.2.2. */
    public String brokerArtifactId() {
        return "kafka_" + scalaBinaryVersion();
    }

    /** True if the broker answers ApiVersions requests (0.10.0 and later). */
    public boolean supportsApiVersions() {
        return atLeast("0.10");
    }

    /**
     * True if this fixture runs the broker in KRaft mode (3.0 and later; 4.x has no ZooKeeper
     * mode at all). Older brokers run against a ZooKeeper process.
     */
    public boolean usesKRaft() {
        return atLeast("3.0");
    }

    /** True if the broker supports dynamic client quotas (0.9 and later). */
    public boolean supportsClientQuotas() {
        return atLeast("0.9");
    }

    /**
     * True if this fixture can open SSL, SASL_PLAINTEXT and SASL_SSL listeners on the broker (0.10.0
     * and later: SASL/PLAIN and the listener names of today came with 0.10).
     */
    public boolean supportsSecureListeners() {
        return atLeast("0.10");
    }

    /** True if the broker offers SCRAM-SHA-256 and SCRAM-SHA-512 (0.10.2 and later, KIP-84). */
    public boolean supportsScram() {
        return atLeast("0.10.2");
    }

    /**
     * True if the admin tools accept {@code --bootstrap-server} for topic commands (2.2 and later);
     * older ones only talk to ZooKeeper.
     */
    public boolean topicCommandUsesBootstrapServer() {
        return atLeast("2.2");
    }

    /**
     * True if the config tool alters client quotas through the broker (2.6 and later, KIP-546)
     * rather than by writing to ZooKeeper.
     */
    public boolean configCommandUsesBootstrapServer() {
        return atLeast("2.6");
    }

    /** True if the broker wants the pre-0.10 {@code port}/{@code host.name} settings. */
    public boolean needsLegacyHostSettings() {
        return before("0.10");
    }

    /**
     * Maven coordinates ({@code groupId:artifactId:version}) that must be added to the broker's
     * own runtime dependencies for it to start on Java 17. The logging binding is not among them:
     * it depends on what the broker already brings, see the artifacts package.
     */
    public List<String> extraArtifacts() {
        List<String> extras = new ArrayList<>();
        // JAXB left the JDK in 11; brokers before 2.1 use javax.xml.bind.DatatypeConverter.
        if (atLeast("0.10") && before("2.1")) {
            extras.add("javax.xml.bind:jaxb-api:2.3.1");
        }
        return extras;
    }

    /**
     * The Maven artifact holding the command line tools that left the broker jar during 3.x
     * (TopicCommand, ConfigCommand, ConsoleConsumer), as a version range: not every release
     * publishes {@code kafka-tools}, and any tool of the same major line talks to this broker.
     *
     * @return {@code org.apache.kafka:kafka-tools:[M.0.0,version]} from 3.0 on, else empty (the
     *     broker jar has every tool)
     */
    public Optional<String> toolsArtifact() {
        if (before("3.0")) {
            return Optional.empty();
        }
        return Optional.of("org.apache.kafka:kafka-tools:[" + major() + ".0.0," + text + "]");
    }

    @Override
    public int compareTo(KafkaVersion other) {
        int length = Math.max(parts.length, other.parts.length);
        for (int i = 0; i < length; i++) {
            int mine = i < parts.length ? parts[i] : 0;
            int theirs = i < other.parts.length ? other.parts[i] : 0;
            if (mine != theirs) {
                return Integer.compare(mine, theirs);
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaVersion other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        int length = parts.length;
        while (length > 1 && parts[length - 1] == 0) {
            length--;
        }
        return Arrays.hashCode(Arrays.copyOf(parts, length));
    }

    /** The release number as given, e.g. {@code "0.8.2.2"}. */
    @Override
    public String toString() {
        return text;
    }
}
