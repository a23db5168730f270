package dev.legacykafka.client.security;

import dev.legacykafka.client.errors.ConfigException;
import java.util.Locale;

/** How the producer talks to a broker listener: with or without TLS, with or without SASL. */
public enum SecurityProtocol {
    /** Plain TCP, no authentication. */
    PLAINTEXT(false, false),
    /** TLS; the client authenticates with a certificate if the broker asks for one. */
    SSL(true, false),
    /** SASL authentication over plain TCP. */
    SASL_PLAINTEXT(false, true),
    /** SASL authentication over TLS. */
    SASL_SSL(true, true);

    private final boolean tls;
    private final boolean sasl;

    SecurityProtocol(boolean tls, boolean sasl) {
        this.tls = tls;
        this.sasl = sasl;
    }

    /** Whether connections are encrypted with TLS. */
    public boolean usesTls() {
        return tls;
    }

    /** Whether connections authenticate with SASL after the ApiVersions exchange. */
    public boolean usesSasl() {
        return sasl;
    }

    /**
     * Parses a protocol name as Kafka writes it ({@code SASL_SSL}); case and {@code -} for {@code _} are forgiven.
     *
     * @throws ConfigException naming {@code security.protocol} for anything else
     */
    public static SecurityProtocol parse(String name) {
        if (name != null) {
            String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (SecurityProtocol protocol : values()) {
                if (protocol.name().equals(normalized)) {
                    return protocol;
                }
            }
        }
        throw new ConfigException("security.protocol", name, "allowed values are PLAINTEXT, SSL, SASL_PLAINTEXT and SASL_SSL");
    }
}
