package dev.legacykafka.client.security;

import dev.legacykafka.client.errors.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * TLS settings of connections with {@link SecurityProtocol#SSL} or {@link SecurityProtocol#SASL_SSL}.
 * Without trust material the JDK's default trust store is used; without key material the client
 * presents no certificate. Hostname verification is on unless turned off.
 *
 * <pre>{@code
 * TlsSettings tls = TlsSettings.builder()
 *         .trustCertificates(Path.of("/etc/kafka/ca.pem"))                       // or trustStore(path, "PKCS12", password)
 *         .keyPem(Path.of("client.pem"), Path.of("client.key"), null)          // only if brokers require client certificates
 *         .build();
 * }</pre>
 */
public final class TlsSettings {

    /** A key store or trust store file. */
    public record StoreFile(Path path, String type, Password password) {
        /** Checks the path; type null means the JDK's default type. */
        public StoreFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A PEM certificate chain and its PKCS#8 private key (optionally encrypted). */
    public record PemKey(Path certificateChain, Path privateKey, Password keyPassword) {
        /** Checks the paths. */
        public PemKey {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    private final SSLContext sslContext;
    private final StoreFile trustStore;
    private final Path trustCertificates;
    private final StoreFile keyStore;
    private final Password keyPassword;
    private final PemKey pemKey;
    private final boolean hostnameVerification;
    private final List<String> protocols;
    private final List<String> cipherSuites;

    private TlsSettings(Builder b) {
        this.sslContext = b.sslContext;
        this.trustStore = b.trustStore;
        this.trustCertificates = b.trustCertificates;
        this.keyStore = b.keyStore;
        this.keyPassword = b.keyPassword;
        this.pemKey = b.pemKey;
        this.hostnameVerification = b.hostnameVerification;
        this.protocols = List.copyOf(b.protocols);
        this.cipherSuites = List.copyOf(b.cipherSuites);
    }

    /** JDK default trust, no client certificate, hostname verification on. */
    public static TlsSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A ready-made context (e.g. from a Spring Boot SSL bundle) that replaces every store setting, or null. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** The trust store file, or null. */
    public StoreFile trustStore() {
        return trustStore;
    }

    /** A PEM file of trusted CA certificates, or null. */
    public Path trustCertificates() {
        return trustCertificates;
    }

    /** The key store file holding the client certificate and key, or null. */
    public StoreFile keyStore() {
        return keyStore;
    }

    /** Password of the key inside {@link #keyStore()} if it differs from the store's, or null. */
    public Password keyPassword() {
        return keyPassword;
    }

    /** The client certificate and key as PEM files, or null. */
    public PemKey pemKey() {
        return pemKey;
    }

    /** Whether the broker's certificate must name the host the client connected to (on by default). */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** TLS protocol versions to enable, empty for the JDK's defaults. */
    public List<String> protocols() {
        return protocols;
    }

    /** Cipher suites to enable, empty for the JDK's defaults. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    @Override
    public String toString() {
        return "TlsSettings[" + (sslContext != null ? "sslContext=" + sslContext.getProtocol() + ", " : "")
                + (trustStore != null ? "trustStore=" + trustStore.path() + " (" + trustStore.type() + "), " : "")
                + (trustCertificates != null ? "trustCertificates=" + trustCertificates + ", " : "")
                + (keyStore != null ? "keyStore=" + keyStore.path() + " (" + keyStore.type() + "), " : "")
                + (pemKey != null ? "certificateChain=" + pemKey.certificateChain() + ", privateKey=" + pemKey.privateKey() + ", " : "")
                + "hostnameVerification=" + hostnameVerification
                + (protocols.isEmpty() ? "" : ", protocols=" + protocols)
                + (cipherSuites.isEmpty() ? "" : ", cipherSuites=" + cipherSuites) + "]";
    }

    /** Builds {@link TlsSettings}; files are read when the producer starts, and a bad one fails it with the setting named. */
    public static final class Builder {
        private SSLContext sslContext;
        private StoreFile trustStore;
        private Path trustCertificates;
        private StoreFile keyStore;
        private Password keyPassword;
        private PemKey pemKey;
        private boolean hostnameVerification = true;
        private List<String> protocols = List.of();
        private List<String> cipherSuites = List.of();

        private Builder() {
        }

        /** Uses this context instead of building one from store settings (which must then be absent). */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** Trusts the certificates of a JKS or PKCS12 store (type null: the JDK's default, PKCS12). */
        public Builder trustStore(Path path, String type, Password password) {
            this.trustStore = path == null ? null : new StoreFile(path, type, password);
            return this;
        }

        /** Trusts the CA certificates in a PEM file. */
        public Builder trustCertificates(Path pemFile) {
            this.trustCertificates = pemFile;
            return this;
        }

        /**
         * Presents the certificate and key of a JKS or PKCS12 store.
         *
         * @param keyPassword the key's own password, or null if it is the store's
         */
        public Builder keyStore(Path path, String type, Password storePassword, Password keyPassword) {
            this.keyStore = path == null ? null : new StoreFile(path, type, storePassword);
            this.keyPassword = keyPassword;
            return this;
        }

        /**
         * Presents a PEM certificate chain and a PKCS#8 private key ({@code BEGIN PRIVATE KEY}, or
         * {@code BEGIN ENCRYPTED PRIVATE KEY} with {@code keyPassword}).
         */
        public Builder keyPem(Path certificateChain, Path privateKey, Password keyPassword) {
            this.pemKey = certificateChain == null && privateKey == null ? null
                    : new PemKey(certificateChain, privateKey, keyPassword);
            return this;
        }

        /** Turns hostname verification off (logged at WARN when the producer starts); on by default. */
        public Builder hostnameVerification(boolean enabled) {
            this.hostnameVerification = enabled;
            return this;
        }

        /** TLS versions to enable, e.g. {@code TLSv1.3, TLSv1.2}; none for the JDK's defaults. */
        public Builder protocols(List<String> protocols) {
            this.protocols = protocols == null ? List.of() : protocols;
            return this;
        }

        /** Cipher suites to enable; none for the JDK's defaults. */
        public Builder cipherSuites(List<String> cipherSuites) {
            this.cipherSuites = cipherSuites == null ? List.of() : cipherSuites;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @throws ConfigException if two sources of the same material are given
         */
        public TlsSettings build() {
            if (sslContext != null && (trustStore != null || trustCertificates != null || keyStore != null || pemKey != null)) {
                throw new ConfigException("security.ssl", "an SSLContext and store files",
                        "give either a ready-made SSLContext (an SSL bundle) or trust/key files, not both");
            }
            if (trustStore != null && trustCertificates != null) {
                throw new ConfigException("security.ssl.trust-certificates", trustCertificates,
                        "give either a trust store or a PEM file of trusted certificates, not both");
            }
            if (keyStore != null && pemKey != null) {
                throw new ConfigException("security.ssl.certificate", pemKey.certificateChain(),
                        "give either a key store or a PEM certificate and key, not both");
            }
            return new TlsSettings(this);
        }
    }
}
