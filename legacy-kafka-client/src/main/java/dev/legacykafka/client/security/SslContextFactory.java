package dev.legacykafka.client.security;

import dev.legacykafka.client.errors.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} of a producer from its {@link TlsSettings}: JKS/PKCS12 stores or PEM
 * files for trust and key material, or the context the settings carry. A file that cannot be
 * read fails with a {@link ConfigException} naming the setting; passwords are never part of a message.
 */
public final class SslContextFactory {

    private static final char[] IN_MEMORY_PASSWORD = new char[0];

    private SslContextFactory() {
    }

    /**
     * The context to create TLS engines from.
     *
     * @throws ConfigException naming the setting whose file or password is wrong
     */
    public static SSLContext create(TlsSettings settings) {
        if (settings.sslContext() != null) {
            return settings.sslContext();
        }
        TrustManager[] trustManagers = trustManagers(settings);
        KeyManager[] keyManagers = keyManagers(settings);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("security.ssl", "TLS", "the JDK cannot create a TLS context: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(TlsSettings settings) {
        KeyStore trusted;
        if (settings.trustStore() != null) {
            trusted = load(settings.trustStore(), "security.ssl.trust-store");
        } else if (settings.trustCertificates() != null) {
            trusted = trustedCertificates(settings.trustCertificates());
        } else {
            return null; // the JDK's default trust store
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new ConfigException("security.ssl.trust-store", "trust material", "cannot be used: " + e.getMessage(), e);
        }
    }

    private static KeyStore trustedCertificates(Path pemFile) {
        String setting = "security.ssl.trust-certificates";
        try {
            List<X509Certificate> certificates = PemFiles.certificates(requireFile(pemFile, setting));
            KeyStore store = emptyStore();
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(setting, pemFile, "cannot be read as PEM certificates: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(TlsSettings settings) {
        KeyStore keys;
        char[] keyPassword;
        String setting;
        if (settings.keyStore() != null) {
            setting = "security.ssl.key-store";
            keys = load(settings.keyStore(), setting);
            Password password = settings.keyPassword() != null ? settings.keyPassword() : settings.keyStore().password();
            keyPassword = password == null ? IN_MEMORY_PASSWORD : password.toCharArray();
        } else if (settings.pemKey() != null) {
            setting = "security.ssl.private-key";
            keys = pemKeyStore(settings.pemKey());
            keyPassword = IN_MEMORY_PASSWORD;
        } else {
            return null; // no client certificate
        }
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, keyPassword);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new ConfigException(setting, "key material", "cannot be used (wrong key password?): " + e.getMessage(), e);
        }
    }

    private static KeyStore pemKeyStore(TlsSettings.PemKey pem) {
        List<X509Certificate> chain;
        try {
            chain = PemFiles.certificates(requireFile(pem.certificateChain(), "security.ssl.certificate"));
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("security.ssl.certificate", pem.certificateChain(),
                    "cannot be read as a PEM certificate chain: " + e.getMessage(), e);
        }
        PrivateKey key;
        try {
            key = PemFiles.privateKey(requireFile(pem.privateKey(), "security.ssl.private-key"), pem.keyPassword());
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("security.ssl.private-key", pem.privateKey(),
                    "cannot be read as a PKCS#8 PEM private key: " + e.getMessage(), e);
        }
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("client", key, IN_MEMORY_PASSWORD, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("security.ssl.private-key", pem.privateKey(),
                    "does not belong to the certificate in " + pem.certificateChain() + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(TlsSettings.StoreFile file, String setting) {
        String type = file.type() == null || file.type().isBlank() ? KeyStore.getDefaultType() : file.type();
        try (InputStream in = Files.newInputStream(requireFile(file.path(), setting))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, file.password() == null ? null : file.password().toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            String reason = e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")
                    ? "wrong password, or not a " + type + " store" : e.getMessage();
            throw new ConfigException(setting, file.path(), "cannot be loaded as a " + type + " store: " + reason, e);
        }
    }

    private static Path requireFile(Path path, String setting) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException(setting, path, "no readable file at that path");
        }
        return path;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
