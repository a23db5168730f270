package dev.legacykafka.test.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The security protocol of a broker listener, named as Kafka names it in {@code listeners=} and in
 * a client's {@code security.protocol}. Every fixture broker has a {@link #PLAINTEXT} listener; the
 * others are opened on request through {@link BrokerSecurity}.
 */
public enum ListenerSecurity {

    /** No encryption, no authentication: the listener on {@code KafkaBroker.port()}. */
    PLAINTEXT,
    /** TLS; client certificates when {@link BrokerSecurity#clientAuthRequired()}. */
    SSL,
    /** SASL authentication over a plain TCP connection. */
    SASL_PLAINTEXT,
    /** SASL authentication inside TLS. */
    SASL_SSL;

    /** True for the listeners that speak TLS ({@link #SSL}, {@link #SASL_SSL}). */
    public boolean usesTls() {
        return this == SSL || this == SASL_SSL;
    }

    /** True for the listeners that authenticate with SASL ({@link #SASL_PLAINTEXT}, {@link #SASL_SSL}). */
    public boolean usesSasl() {
        return this == SASL_PLAINTEXT || this == SASL_SSL;
    }

    /**
     * The listener for a security protocol name, ignoring case, e.g. {@code "sasl_ssl"}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static ListenerSecurity parse(String securityProtocol) {
        String name = String.valueOf(securityProtocol).trim().toUpperCase(Locale.ROOT);
        for (ListenerSecurity candidate : values()) {
            if (candidate.name().equals(name)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Not a Kafka security protocol: '" + securityProtocol + "'; expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
