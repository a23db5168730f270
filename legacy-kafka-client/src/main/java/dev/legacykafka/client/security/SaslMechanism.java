package dev.legacykafka.client.security;

import dev.legacykafka.client.errors.ConfigException;
import java.util.Locale;

/** The SASL mechanisms this client speaks. */
public enum SaslMechanism {
    /** RFC 4616: user name and password sent as they are; use it over TLS only. */
    PLAIN("PLAIN"),
    /** RFC 5802/7677 salted challenge-response with SHA-256; the password never crosses the wire. */
    SCRAM_SHA_256("SCRAM-SHA-256"),
    /** SCRAM with SHA-512. */
    SCRAM_SHA_512("SCRAM-SHA-512");

    private final String mechanismName;

    SaslMechanism(String mechanismName) {
        this.mechanismName = mechanismName;
    }

    /** The name the broker knows the mechanism by, as in {@code sasl.enabled.mechanisms}. */
    public String mechanismName() {
        return mechanismName;
    }

    /**
     * Parses {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512} (case and {@code _} for {@code -} forgiven).
     *
     * @throws ConfigException naming {@code security.sasl.mechanism} for anything else, e.g. GSSAPI
     */
    public static SaslMechanism parse(String name) {
        if (name != null) {
            String normalized = name.trim().toUpperCase(Locale.ROOT).replace('_', '-');
            for (SaslMechanism mechanism : values()) {
                if (mechanism.mechanismName.equals(normalized)) {
                    return mechanism;
                }
            }
        }
        throw new ConfigException("security.sasl.mechanism", name,
                "allowed values are PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512");
    }

    @Override
    public String toString() {
        return mechanismName;
    }
}
