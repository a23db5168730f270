package dev.legacykafka.spring.autoconfigure;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.security.Password;
import dev.legacykafka.client.security.SaslMechanism;
import dev.legacykafka.client.security.SaslSettings;
import dev.legacykafka.client.security.SecurityProtocol;
import dev.legacykafka.client.security.TlsSettings;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaProperties.Sasl;
import dev.legacykafka.spring.autoconfigure.LegacyKafkaProperties.Ssl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;

/**
 * Maps {@code legacykafka.security.*} and the connection details' protocol and SSL bundle onto the
 * client's security settings. Every setting the chosen protocol would ignore, and every pair of
 * settings that contradict each other, stops startup with an exception naming the properties:
 * a TLS or SASL setting that is silently dropped is a security bug.
 */
final class SecuritySettingsFactory {

    static final String PREFIX = "legacykafka.security.";

    static final String PROTOCOL = PREFIX + "protocol";

    static final String SSL = PREFIX + "ssl.";

    static final String SASL = PREFIX + "sasl.";

    private static final String HIDDEN = "******";

    private final LegacyKafkaProperties.Security security;

    private final LegacyKafkaConnectionDetails connectionDetails;

    /** The value of each client setting as the user wrote it (secrets masked), for error messages. */
    private final Map<String, String> shownValues;

    SecuritySettingsFactory(LegacyKafkaProperties.Security security, LegacyKafkaConnectionDetails connectionDetails,
                            Map<String, String> shownValues) {
        this.security = security;
        this.connectionDetails = connectionDetails;
        this.shownValues = shownValues;
    }

    /**
     * Sets protocol, TLS and SASL settings on the builder.
     *
     * @throws InvalidLegacyKafkaPropertyException naming the offending property
     * @throws dev.legacykafka.client.errors.ConfigException for values the client rejects (the caller names the property)
     */
    void apply(ProducerConfig.Builder builder) {
        SecurityProtocol protocol = protocol();
        if (!protocol.usesTls()) {
            Map<String, String> tlsSettings = tlsSettingsSet();
            if (!tlsSettings.isEmpty()) {
                throw ignored(protocol, "TLS", tlsSettings, "SSL or SASL_SSL", SSL + "*");
            }
        }
        Map<String, String> saslSettings = saslSettingsSet();
        if (!protocol.usesSasl() && !saslSettings.isEmpty()) {
            throw ignored(protocol, "SASL", saslSettings, "SASL_PLAINTEXT or SASL_SSL", SASL + "*");
        }
        builder.securityProtocol(protocol);
        if (protocol.usesTls()) {
            // Looked up only now: a bundle named with a protocol without TLS fails above, saying so.
            builder.tls(tls(connectionDetails.getSslBundle()));
        }
        if (protocol.usesSasl()) {
            builder.sasl(sasl(protocol));
        }
    }

    private SecurityProtocol protocol() {
        String name = connectionDetails.getSecurityProtocol();
        shownValues.put("security.protocol", String.valueOf(name));
        // Null from an application's own connection details means the default.
        return name == null ? SecurityProtocol.PLAINTEXT : SecurityProtocol.parse(name);
    }

    private boolean fromProperties() {
        return connectionDetails instanceof PropertiesLegacyKafkaConnectionDetails;
    }

    /** The TLS settings given, by property name, with their values as shown to the user. */
    private Map<String, String> tlsSettingsSet() {
        Map<String, String> set = new LinkedHashMap<>();
        boolean bundle = fromProperties() ? StringUtils.hasText(security.getSsl().getBundle())
                : connectionDetails.getSslBundle() != null;
        if (bundle) {
            set.put(bundleProperty(), bundleShown());
        }
        set.putAll(tlsFileSettingsSet());
        Ssl ssl = security.getSsl();
        if (!ssl.isHostnameVerification()) {
            set.put(SSL + "hostname-verification", "false");
        }
        putIfSet(set, SSL + "protocols", ssl.getProtocols());
        putIfSet(set, SSL + "cipher-suites", ssl.getCipherSuites());
        return set;
    }

    /** The store, certificate and key settings given: what an SSL bundle replaces. */
    private Map<String, String> tlsFileSettingsSet() {
        Ssl ssl = security.getSsl();
        Map<String, String> set = new LinkedHashMap<>();
        putIfSet(set, SSL + "trust-store-location", ssl.getTrustStoreLocation());
        putIfSet(set, SSL + "trust-store-type", ssl.getTrustStoreType());
        putSecretIfSet(set, SSL + "trust-store-password", ssl.getTrustStorePassword());
        putIfSet(set, SSL + "trust-certificates", ssl.getTrustCertificates());
        putIfSet(set, SSL + "key-store-location", ssl.getKeyStoreLocation());
        putIfSet(set, SSL + "key-store-type", ssl.getKeyStoreType());
        putSecretIfSet(set, SSL + "key-store-password", ssl.getKeyStorePassword());
        putSecretIfSet(set, SSL + "key-password", ssl.getKeyPassword());
        putIfSet(set, SSL + "certificate", ssl.getCertificate());
        putIfSet(set, SSL + "private-key", ssl.getPrivateKey());
        putSecretIfSet(set, SSL + "private-key-password", ssl.getPrivateKeyPassword());
        return set;
    }

    private Map<String, String> saslSettingsSet() {
        Sasl sasl = security.getSasl();
        Map<String, String> set = new LinkedHashMap<>();
        putIfSet(set, SASL + "mechanism", sasl.getMechanism());
        putIfSet(set, SASL + "username", sasl.getUsername());
        putSecretIfSet(set, SASL + "password", sasl.getPassword());
        return set;
    }

    /** A setting the protocol would ignore: named with the protocol and where it comes from. */
    private InvalidLegacyKafkaPropertyException ignored(SecurityProtocol protocol, String kind,
                                                        Map<String, String> settings, String protocols,
                                                        String group) {
        String names = String.join(", ", settings.keySet());
        if (fromProperties()) {
            return new InvalidLegacyKafkaPropertyException(PROTOCOL, protocol.name(), kind + " settings are set ("
                    + names + "), but " + protocol + " does not use " + kind + " and would ignore them: set "
                    + PROTOCOL + " to " + protocols + ", or remove the " + group + " settings");
        }
        Map.Entry<String, String> first = settings.entrySet().iterator().next();
        return new InvalidLegacyKafkaPropertyException(first.getKey(), first.getValue(), "the connection details ("
                + detailsName() + ") give security protocol " + protocol + ", which "
                + "does not use " + kind + " and would ignore " + names + ": remove the " + group + " settings, or "
                + "connect to a listener with " + protocols);
    }

    private TlsSettings tls(@Nullable SslBundle bundle) {
        Ssl ssl = security.getSsl();
        TlsSettings.Builder tls = TlsSettings.builder();
        List<String> protocols = ssl.getProtocols();
        List<String> cipherSuites = ssl.getCipherSuites();
        if (bundle != null) {
            Map<String, String> files = tlsFileSettingsSet();
            if (!files.isEmpty()) {
                throw new InvalidLegacyKafkaPropertyException(bundleProperty(), bundleShown(), "an SSL bundle brings "
                        + "the trust and key material itself, so it cannot be combined with "
                        + String.join(", ", files.keySet()) + ": remove either the bundle or those settings");
            }
            tls.sslContext(sslContext(bundle));
            SslOptions options = bundle.getOptions();
            protocols = fromBundleOptions(SSL + "protocols", protocols, options.getEnabledProtocols(),
                    "enabled-protocols");
            cipherSuites = fromBundleOptions(SSL + "cipher-suites", cipherSuites, options.getCiphers(), "ciphers");
        } else {
            trustMaterial(tls);
            keyMaterial(tls);
        }
        shownValues.put("security.ssl.protocols", String.join(",", protocols));
        shownValues.put("security.ssl.cipher-suites", String.join(",", cipherSuites));
        return tls.hostnameVerification(ssl.isHostnameVerification()).protocols(protocols).cipherSuites(cipherSuites)
                .build();
    }

    private SSLContext sslContext(SslBundle bundle) {
        try {
            return bundle.createSslContext();
        } catch (RuntimeException ex) {
            throw new InvalidLegacyKafkaPropertyException(bundleProperty(), bundleShown(),
                    "the SSL bundle could not create an SSLContext: " + ex.getMessage(), ex);
        }
    }

    /** The bundle's options, unless the property gives its own: then the two must not both be set. */
    private List<String> fromBundleOptions(String property, List<String> own, String @Nullable [] bundles,
                                           String option) {
        if (bundles == null || bundles.length == 0) {
            return own;
        }
        if (!own.isEmpty()) {
            throw new InvalidLegacyKafkaPropertyException(property, String.join(",", own), "the SSL bundle ("
                    + bundleShown() + ") sets options." + option + " itself (" + String.join(",", bundles)
                    + "): set them in one place only");
        }
        return Arrays.asList(bundles);
    }

    private void trustMaterial(TlsSettings.Builder tls) {
        Ssl ssl = security.getSsl();
        if (ssl.getTrustStoreLocation() != null) {
            exclusive(SSL + "trust-store-location", ssl.getTrustStoreLocation(), SSL + "trust-certificates",
                    ssl.getTrustCertificates() != null, "either a trust store or a PEM file of trusted certificates");
            Path store = file(SSL + "trust-store-location", ssl.getTrustStoreLocation());
            shownValues.put("security.ssl.trust-store", store.toString());
            tls.trustStore(store, type(ssl.getTrustStoreType()), password(ssl.getTrustStorePassword()));
        } else {
            requires(SSL + "trust-store-type", type(ssl.getTrustStoreType()), SSL + "trust-store-location");
            requires(SSL + "trust-store-password", secret(ssl.getTrustStorePassword()), SSL + "trust-store-location");
        }
        if (ssl.getTrustCertificates() != null) {
            Path certificates = file(SSL + "trust-certificates", ssl.getTrustCertificates());
            shownValues.put("security.ssl.trust-certificates", certificates.toString());
            tls.trustCertificates(certificates);
        }
    }

    private void keyMaterial(TlsSettings.Builder tls) {
        Ssl ssl = security.getSsl();
        Resource certificate = ssl.getCertificate();
        Resource privateKey = ssl.getPrivateKey();
        if (ssl.getKeyStoreLocation() != null) {
            exclusive(SSL + "key-store-location", ssl.getKeyStoreLocation(),
                    SSL + (certificate != null ? "certificate" : "private-key"), certificate != null || privateKey != null,
                    "either a key store or a PEM certificate and private key");
            Path store = file(SSL + "key-store-location", ssl.getKeyStoreLocation());
            shownValues.put("security.ssl.key-store", store.toString());
            tls.keyStore(store, type(ssl.getKeyStoreType()), password(ssl.getKeyStorePassword()),
                    password(ssl.getKeyPassword()));
        } else {
            requires(SSL + "key-store-type", type(ssl.getKeyStoreType()), SSL + "key-store-location");
            requires(SSL + "key-store-password", secret(ssl.getKeyStorePassword()), SSL + "key-store-location");
            requires(SSL + "key-password", secret(ssl.getKeyPassword()), SSL + "key-store-location");
        }
        if (certificate != null && privateKey != null) {
            Path chain = file(SSL + "certificate", certificate);
            Path key = file(SSL + "private-key", privateKey);
            shownValues.put("security.ssl.certificate", chain.toString());
            shownValues.put("security.ssl.private-key", key.toString());
            tls.keyPem(chain, key, password(ssl.getPrivateKeyPassword()));
        } else {
            requires(SSL + "certificate", certificate, SSL + "private-key");
            requires(SSL + "private-key", privateKey, SSL + "certificate");
            requires(SSL + "private-key-password", secret(ssl.getPrivateKeyPassword()), SSL + "private-key");
        }
    }

    private SaslSettings sasl(SecurityProtocol protocol) {
        Sasl sasl = security.getSasl();
        if (!StringUtils.hasText(sasl.getMechanism())) {
            throw new InvalidLegacyKafkaPropertyException(SASL + "mechanism", "", protocol + " needs a SASL mechanism: "
                    + "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, one the brokers' listener enables");
        }
        shownValues.put("security.sasl.mechanism", sasl.getMechanism());
        SaslMechanism mechanism = SaslMechanism.parse(sasl.getMechanism());
        shownValues.put("security.sasl.username", sasl.getUsername() == null ? "" : sasl.getUsername());
        shownValues.put("security.sasl.password", StringUtils.hasLength(sasl.getPassword()) ? HIDDEN : "");
        // The client warns when the producer starts if PLAIN goes over SASL_PLAINTEXT.
        return SaslSettings.of(mechanism, sasl.getUsername(), password(sasl.getPassword()));
    }

    /** A file on the file system, as the client reads it. */
    private static Path file(String property, @Nullable Resource resource) {
        if (resource == null) {
            throw new InvalidLegacyKafkaPropertyException(property, "", "a value is required");
        }
        String shown = resource.getDescription();
        if (!resource.exists()) {
            throw new InvalidLegacyKafkaPropertyException(property, shown, "the file does not exist");
        }
        if (!resource.isFile()) {
            throw new InvalidLegacyKafkaPropertyException(property, shown, "must be a file on the file system; for "
                    + "material inside the application's jar (classpath:), define an SSL bundle "
                    + "(spring.ssl.bundle.jks.<name>.* or spring.ssl.bundle.pem.<name>.*) and set "
                    + "legacykafka.security.ssl.bundle instead");
        }
        try {
            return resource.getFile().toPath().toAbsolutePath();
        } catch (IOException ex) {
            throw new InvalidLegacyKafkaPropertyException(property, shown, "cannot be read as a file: " + ex.getMessage(),
                    ex);
        }
    }

    private static void exclusive(String property, Object value, String other, boolean otherSet, String allowed) {
        if (otherSet) {
            throw new InvalidLegacyKafkaPropertyException(property, shown(value), property + " and " + other
                    + " are both set: give " + allowed + ", not both");
        }
    }

    /** A setting that means something only together with another one, which is not set. */
    private static void requires(String property, @Nullable Object value, String needed) {
        if (value != null) {
            throw new InvalidLegacyKafkaPropertyException(property, shown(value), "it is used only together with "
                    + needed + ", which is not set: set " + needed + ", or remove " + property);
        }
    }

    private static String shown(Object value) {
        return value instanceof Resource resource ? resource.getDescription() : String.valueOf(value);
    }

    /** The connection details' class as a reader knows it: lambdas and anonymous classes have no useful name. */
    private String detailsName() {
        Class<?> type = connectionDetails.getClass();
        String name = type.getSimpleName();
        return name.isEmpty() || name.contains("$$") ? "the application's LegacyKafkaConnectionDetails bean" : name;
    }

    private String bundleProperty() {
        return fromProperties() ? PropertiesLegacyKafkaConnectionDetails.BUNDLE_PROPERTY
                : "the SSL bundle of " + detailsName();
    }

    private String bundleShown() {
        String name = security.getSsl().getBundle();
        return fromProperties() && name != null ? name : "(from " + detailsName() + ")";
    }

    private static @Nullable String type(@Nullable String type) {
        return StringUtils.hasText(type) ? type.trim() : null;
    }

    /** An empty password (an unset ${VARIABLE:} placeholder, say) counts as none. */
    private static @Nullable Password password(@Nullable String password) {
        return StringUtils.hasLength(password) ? Password.of(password) : null;
    }

    private static @Nullable String secret(@Nullable String password) {
        return StringUtils.hasLength(password) ? HIDDEN : null;
    }

    private static void putIfSet(Map<String, String> set, String property, @Nullable Object value) {
        if (value instanceof Resource resource) {
            set.put(property, resource.getDescription());
        } else if (value instanceof List<?> list) {
            if (!list.isEmpty()) {
                set.put(property, String.join(",", list.stream().map(String::valueOf).toList()));
            }
        } else if (value instanceof String text && StringUtils.hasText(text)) {
            set.put(property, text);
        }
    }

    private static void putSecretIfSet(Map<String, String> set, String property, @Nullable String secret) {
        if (StringUtils.hasLength(secret)) {
            set.put(property, HIDDEN);
        }
    }
}
