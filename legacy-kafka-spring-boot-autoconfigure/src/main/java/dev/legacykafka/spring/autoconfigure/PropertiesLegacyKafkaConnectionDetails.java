package dev.legacykafka.spring.autoconfigure;

import java.util.List;

/** {@link LegacyKafkaConnectionDetails} read from {@code legacykafka.*} properties. */
final class PropertiesLegacyKafkaConnectionDetails implements LegacyKafkaConnectionDetails {

    private final LegacyKafkaProperties properties;

    PropertiesLegacyKafkaConnectionDetails(LegacyKafkaProperties properties) {
        this.properties = properties;
    }

    @Override
    public List<String> getBootstrapServers() {
        return properties.getBootstrapServers();
    }

    @Override
    public String getSecurityProtocol() {
        return properties.getSecurity().getProtocol().name();
    }
}
