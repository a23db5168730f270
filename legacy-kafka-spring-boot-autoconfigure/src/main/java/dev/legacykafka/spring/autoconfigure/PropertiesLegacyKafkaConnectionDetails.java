package dev.legacykafka.spring.autoconfigure;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

/**
 * {@link LegacyKafkaConnectionDetails} read from {@code legacykafka.*} properties; the SSL bundle
 * named by {@code legacykafka.security.ssl.bundle} comes from the application's {@link SslBundles}.
 */
final class PropertiesLegacyKafkaConnectionDetails implements LegacyKafkaConnectionDetails {

    static final String BUNDLE_PROPERTY = "legacykafka.security.ssl.bundle";

    private final LegacyKafkaProperties properties;

    private final ObjectProvider<SslBundles> sslBundles;

    PropertiesLegacyKafkaConnectionDetails(LegacyKafkaProperties properties, ObjectProvider<SslBundles> sslBundles) {
        this.properties = properties;
        this.sslBundles = sslBundles;
    }

    @Override
    public List<String> getBootstrapServers() {
        return properties.getBootstrapServers();
    }

    @Override
    public String getSecurityProtocol() {
        return properties.getSecurity().getProtocol().name();
    }

    /**
     * The bundle named by {@code legacykafka.security.ssl.bundle}, or null when it is not set.
     *
     * @throws InvalidLegacyKafkaPropertyException when no bundle has that name
     */
    @Override
    public @Nullable SslBundle getSslBundle() {
        String name = properties.getSecurity().getSsl().getBundle();
        if (!StringUtils.hasText(name)) {
            return null;
        }
        SslBundles bundles = sslBundles.getIfAvailable();
        if (bundles == null) {
            throw new InvalidLegacyKafkaPropertyException(BUNDLE_PROPERTY, name, "the application has no SslBundles "
                    + "bean to look the bundle up in (Spring Boot's SslAutoConfiguration is excluded or missing)");
        }
        try {
            return bundles.getBundle(name);
        } catch (NoSuchSslBundleException ex) {
            List<String> defined = bundles.getBundleNames();
            throw new InvalidLegacyKafkaPropertyException(BUNDLE_PROPERTY, name, "no SSL bundle is named '" + name
                    + "'; define it under spring.ssl.bundle.jks." + name + ".* or spring.ssl.bundle.pem." + name
                    + ".*" + (defined.isEmpty() ? " (no bundle is defined)" : " (defined bundles: "
                    + String.join(", ", defined) + ")"), ex);
        }
    }
}
