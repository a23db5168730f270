package dev.legacykafka.spring.autoconfigure;

import java.util.List;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the legacy-kafka producer connects. Backed by {@code legacykafka.*} properties unless a
 * service connection (such as a Testcontainers Kafka container annotated with
 * {@code @ServiceConnection}) provides its own, which then takes precedence.
 */
public interface LegacyKafkaConnectionDetails extends ConnectionDetails {

    /** Bootstrap brokers as {@code host:port}. */
    List<String> getBootstrapServers();

    /**
     * Security protocol of the listener at those addresses. Only {@code PLAINTEXT} is supported by
     * this version of legacy-kafka; anything else fails startup.
     */
    default String getSecurityProtocol() {
        return "PLAINTEXT";
    }
}
