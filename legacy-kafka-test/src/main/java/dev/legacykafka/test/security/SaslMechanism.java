package dev.legacykafka.test.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The SASL mechanisms a fixture broker can enable, with the names Kafka and clients use. */
public enum SaslMechanism {

    /** User names and passwords in clear text (over TLS, hopefully); users live in the broker's JAAS file. */
    PLAIN("PLAIN"),
    /**
     * Salted challenge-response with SHA-256; users are created at run time, see
     * {@code KafkaBroker.createScramUser}.
     */
    SCRAM_SHA_256("SCRAM-SHA-256"),
    /** Salted challenge-response with SHA-512. */
    SCRAM_SHA_512("SCRAM-SHA-512");

    private final String mechanismName;

    SaslMechanism(String mechanismName) {
        this.mechanismName = mechanismName;
    }

    /**
     * The name in {@code sasl.enabled.mechanisms} and a client's {@code sasl.mechanism}, e.g.
     * {@code SCRAM-SHA-256}.
     */
    public String mechanismName() {
        return mechanismName;
    }

    /** True for the SCRAM mechanisms, whose credentials the broker stores (ZooKeeper or metadata log). */
    public boolean isScram() {
        return this != PLAIN;
    }

    /**
     * The mechanism for its Kafka name, ignoring case; {@code SCRAM_SHA_256} is accepted too.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static SaslMechanism parse(String name) {
        String normalized = String.valueOf(name).trim().toUpperCase(Locale.ROOT).replace('_', '-');
        for (SaslMechanism candidate : values()) {
            if (candidate.mechanismName.equals(normalized)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Not a SASL mechanism this fixture enables: '" + name + "'; expected one of "
                + Arrays.stream(values()).map(SaslMechanism::mechanismName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return mechanismName;
    }
}
