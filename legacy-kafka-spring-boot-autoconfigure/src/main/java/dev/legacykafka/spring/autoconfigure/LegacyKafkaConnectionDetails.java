package dev.legacykafka.spring.autoconfigure;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where the legacy-kafka producer connects, and how. Backed by {@code legacykafka.*} properties
 * unless a service connection (such as a Testcontainers Kafka container annotated with
 * {@code @ServiceConnection}) or the application provides its own, which then takes precedence.
 *
 * <p>Connection details supply the listener's address, its security protocol and, for TLS, an
 * {@link SslBundle} with the trust and key material. SASL credentials and the other TLS settings
 * (hostname verification, and file-based material when there is no bundle) always come from the
 * {@code legacykafka.security.*} properties.
 */
public interface LegacyKafkaConnectionDetails extends ConnectionDetails {

    /** Bootstrap brokers as {@code host:port}. */
    List<String> getBootstrapServers();

    /**
     * Security protocol of the listener at those addresses: {@code PLAINTEXT}, {@code SSL},
     * {@code SASL_PLAINTEXT} or {@code SASL_SSL}. By default {@code SSL} when there is an
     * {@linkplain #getSslBundle() SSL bundle}, {@code PLAINTEXT} otherwise.
     */
    default String getSecurityProtocol() {
        return getSslBundle() != null ? "SSL" : "PLAINTEXT";
    }

    /**
     * TLS trust and key material for an {@code SSL} or {@code SASL_SSL} listener, or null for the
     * {@code legacykafka.security.ssl.*} file settings (or, without those, the JDK's defaults).
     */
    default @Nullable SslBundle getSslBundle() {
        return null;
    }
}
