package dev.legacykafka.test.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Certificates for TLS tests, generated at test time with the JDK's {@code keytool} (RSA 2048,
 * SHA256withRSA, valid from yesterday for ten years):
 *
 * <ul>
 *   <li>{@link #ca()}: the CA that brokers and clients trust;
 *   <li>{@link #broker()}: signed by it, for {@code IP:127.0.0.1} and {@code DNS:localhost};
 *   <li>{@link #wrongHostBroker()}: signed by it, for {@code DNS:wrong-host.invalid} only;
 *   <li>{@link #client()}: signed by it, for mutual TLS ({@code CN=legacy-kafka-test-client});
 *   <li>{@link #untrustedCa()}: a second, unrelated CA nobody trusts, with
 *       {@link #untrustedBroker()} and {@link #untrustedClient()} signed by it.
 * </ul>
 *
 * <p>Every keystore and truststore (PKCS12 and JKS) has the password {@link #STORE_PASSWORD}, also
 * used for the keys inside them; encrypted PEM keys have {@link #PEM_KEY_PASSWORD}. Each private
 * key comes as unencrypted PKCS#8 PEM and encrypted twice: with PBES2 (AES-256-CBC, PBKDF2 with
 * HMAC-SHA256), which OpenSSL writes by default, and with the older PKCS#12 scheme
 * (PBE-SHA1-3DES), which is what the JDK 17 behind kafka-clients can decrypt: it has no
 * {@code SecretKeyFactory} for the name "PBES2" that {@code EncryptedPrivateKeyInfo} reports.
 *
 * <pre>{@code
 * TestCertificates certificates = TestCertificates.shared();
 * props.put("ssl.truststore.location", certificates.ca().truststorePkcs12().toString());
 * props.put("ssl.truststore.password", certificates.ca().truststorePassword());
 * props.put("ssl.keystore.location", certificates.client().keystorePkcs12().toString());
 * }</pre>
 */
public final class TestCertificates {

    /** Password of every keystore and truststore, and of the keys inside the keystores. */
    public static final String STORE_PASSWORD = "legacy-kafka-store";
    /** Password of every {@code ENCRYPTED PRIVATE KEY} PEM file. */
    public static final String PEM_KEY_PASSWORD = "legacy-kafka-pem-key";

    private static final String VALIDITY_DAYS = "3650";
    private static final String KEY_SIZE = "2048";
    private static final Object SHARED_LOCK = new Object();
    private static TestCertificates shared;

    private final Path directory;
    private final CertificateAuthority ca;
    private final CertificateAuthority untrustedCa;
    private final KeyMaterial broker;
    private final KeyMaterial wrongHostBroker;
    private final KeyMaterial untrustedBroker;
    private final KeyMaterial client;
    private final KeyMaterial untrustedClient;

    private TestCertificates(Path directory, CertificateAuthority ca, CertificateAuthority untrustedCa,
            KeyMaterial broker, KeyMaterial wrongHostBroker, KeyMaterial untrustedBroker, KeyMaterial client,
            KeyMaterial untrustedClient) {
        this.directory = directory;
        this.ca = ca;
        this.untrustedCa = untrustedCa;
        this.broker = broker;
        this.wrongHostBroker = wrongHostBroker;
        this.untrustedBroker = untrustedBroker;
        this.client = client;
        this.untrustedClient = untrustedClient;
    }

    /**
     * The certificates of this JVM: generated on first use (a few seconds) into a temporary
     * directory under {@code legacykafka.tmpdir} or {@code java.io.tmpdir}, deleted at JVM exit.
     *
     * @throws IllegalStateException if keytool fails (a later call tries again)
     */
    public static TestCertificates shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                Path dir = temporaryDirectory();
                try {
                    shared = generate(dir);
                } catch (RuntimeException | Error e) {
                    deleteRecursively(dir);
                    throw e;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir),
                        "legacy-kafka-certificates-cleanup"));
            }
            return shared;
        }
    }

    /**
     * Generates a fresh set of certificates into a directory of the caller's, which keeps them.
     *
     * @param directory an existing, writable directory
     * @throws IllegalStateException if keytool fails
     */
    public static TestCertificates generate(Path directory) {
        Path work = directory.resolve("work");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + work, e);
        }
        // keytool runs are short JVMs; running chains side by side halves the time on two cores.
        ExecutorService pool = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "legacy-kafka-keytool");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Generator generator = new Generator(directory, work);
            CompletableFuture<Authority> ca = CompletableFuture.supplyAsync(
                    () -> generator.authority("ca", "CN=legacy-kafka-test CA, O=legacy-kafka-test"), pool);
            CompletableFuture<Authority> untrustedCa = CompletableFuture.supplyAsync(
                    () -> generator.authority("untrusted-ca", "CN=legacy-kafka-test untrusted CA, O=untrusted"), pool);
            CompletableFuture<KeyMaterial> broker = generator.leaf(pool, "broker",
                    "CN=localhost, O=legacy-kafka-test", "SAN=IP:127.0.0.1,DNS:localhost", "EKU=serverAuth,clientAuth",
                    ca);
            CompletableFuture<KeyMaterial> wrongHost = generator.leaf(pool, "wrong-host-broker",
                    "CN=wrong-host.invalid, O=legacy-kafka-test", "SAN=DNS:wrong-host.invalid",
                    "EKU=serverAuth,clientAuth", ca);
            CompletableFuture<KeyMaterial> client = generator.leaf(pool, "client",
                    "CN=legacy-kafka-test-client, O=legacy-kafka-test", null, "EKU=clientAuth", ca);
            CompletableFuture<KeyMaterial> untrustedBroker = generator.leaf(pool, "untrusted-broker",
                    "CN=localhost, O=untrusted", "SAN=IP:127.0.0.1,DNS:localhost", "EKU=serverAuth,clientAuth",
                    untrustedCa);
            CompletableFuture<KeyMaterial> untrustedClient = generator.leaf(pool, "untrusted-client",
                    "CN=legacy-kafka-test-client, O=untrusted", null, "EKU=clientAuth", untrustedCa);
            return new TestCertificates(directory, join(ca).asPublic(), join(untrustedCa).asPublic(), join(broker),
                    join(wrongHost), join(untrustedBroker), join(client), join(untrustedClient));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The directory holding every file. */
    public Path directory() {
        return directory;
    }

    /** The CA that signed {@link #broker()}, {@link #wrongHostBroker()} and {@link #client()}; trust it. */
    public CertificateAuthority ca() {
        return ca;
    }

    /** A CA nobody trusts, which signed {@link #untrustedBroker()} and {@link #untrustedClient()}. */
    public CertificateAuthority untrustedCa() {
        return untrustedCa;
    }

    /** The broker certificate a trusting, host-checking client accepts on 127.0.0.1 and localhost. */
    public KeyMaterial broker() {
        return broker;
    }

    /** A broker certificate signed by {@link #ca()} for {@code DNS:wrong-host.invalid} only. */
    public KeyMaterial wrongHostBroker() {
        return wrongHostBroker;
    }

    /** A broker certificate for 127.0.0.1 and localhost signed by {@link #untrustedCa()}. */
    public KeyMaterial untrustedBroker() {
        return untrustedBroker;
    }

    /** The key material of a broker certificate choice. */
    public KeyMaterial broker(BrokerCertificate which) {
        return switch (which) {
            case TRUSTED -> broker;
            case WRONG_HOST -> wrongHostBroker;
            case UNTRUSTED_CA -> untrustedBroker;
        };
    }

    /** The CA that signed a broker certificate choice: what a client must trust to get past the chain check. */
    public CertificateAuthority issuerOf(BrokerCertificate which) {
        return which == BrokerCertificate.UNTRUSTED_CA ? untrustedCa : ca;
    }

    /** A client certificate signed by {@link #ca()}, which brokers requiring client certificates accept. */
    public KeyMaterial client() {
        return client;
    }

    /** A client certificate signed by {@link #untrustedCa()}, which brokers refuse. */
    public KeyMaterial untrustedClient() {
        return untrustedClient;
    }

    @Override
    public String toString() {
        return "test certificates in " + directory;
    }

    /** A CA with its private key, for signing; the public view is {@link CertificateAuthority}. */
    private record Authority(String name, Path keystore, X509Certificate certificate, CertificateAuthority asPublic) {
    }

    /** The keytool runs and file writing behind {@link #generate(Path)}. */
    private static final class Generator {

        private final Path directory;
        private final Path work;

        Generator(Path directory, Path work) {
            this.directory = directory;
            this.work = work;
        }

        Authority authority(String name, String subject) {
            Path keystore = work.resolve(name + ".p12");
            Keytool.run(List.of("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", KEY_SIZE,
                    "-dname", subject, "-validity", VALIDITY_DAYS, "-startdate", "-1d",
                    "-ext", "BasicConstraints:critical=ca:true", "-ext", "KeyUsage:critical=keyCertSign,cRLSign",
                    "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD));
            try {
                X509Certificate certificate = (X509Certificate) load(keystore, "PKCS12").getCertificate(name);
                Path pem = write(directory.resolve(name + ".pem"), Pem.certificates(certificate));
                Path pkcs12 = directory.resolve(name + "-truststore.p12");
                Path jks = directory.resolve(name + "-truststore.jks");
                for (String type : List.of("PKCS12", "JKS")) {
                    KeyStore truststore = empty(type);
                    truststore.setCertificateEntry(name, certificate);
                    store(truststore, type.equals("JKS") ? jks : pkcs12);
                }
                return new Authority(name, keystore, certificate,
                        new CertificateAuthority(certificate.getSubjectX500Principal().getName(), pem, pkcs12, jks,
                                STORE_PASSWORD));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Cannot write the truststores of " + name, e);
            }
        }

        /** A key pair and signing request now, the signature once the CA exists. */
        CompletableFuture<KeyMaterial> leaf(ExecutorService pool, String name, String subject, String san,
                String extendedKeyUsage, CompletableFuture<Authority> issuer) {
            Path keystore = work.resolve(name + ".p12");
            Path request = work.resolve(name + ".csr");
            Path signed = work.resolve(name + ".crt");
            CompletableFuture<Void> requested = CompletableFuture.runAsync(() -> {
                Keytool.run(List.of("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", KEY_SIZE,
                        "-dname", subject, "-validity", VALIDITY_DAYS, "-keystore", keystore.toString(),
                        "-storetype", "PKCS12", "-storepass", STORE_PASSWORD));
                Keytool.run(List.of("-certreq", "-alias", name, "-keystore", keystore.toString(),
                        "-storepass", STORE_PASSWORD, "-file", request.toString()));
            }, pool);
            return requested.thenCombineAsync(issuer, (ignored, ca) -> {
                List<String> args = new ArrayList<>(List.of("-gencert", "-alias", ca.name(),
                        "-keystore", ca.keystore().toString(), "-storepass", STORE_PASSWORD,
                        "-infile", request.toString(), "-outfile", signed.toString(), "-rfc",
                        "-validity", VALIDITY_DAYS, "-startdate", "-1d",
                        "-ext", "KeyUsage:critical=digitalSignature,keyEncipherment", "-ext", extendedKeyUsage));
                if (san != null) {
                    args.addAll(List.of("-ext", san));
                }
                Keytool.run(args);
                return assemble(name, keystore, signed, ca);
            }, pool);
        }

        /** Keystores and PEM files holding the key with its full chain: certificate, then CA. */
        private KeyMaterial assemble(String name, Path workKeystore, Path signed, Authority ca) {
            try {
                PrivateKey key = (PrivateKey) load(workKeystore, "PKCS12").getKey(name,
                        STORE_PASSWORD.toCharArray());
                X509Certificate certificate;
                try (InputStream in = Files.newInputStream(signed)) {
                    certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
                }
                certificate.verify(ca.certificate().getPublicKey());
                X509Certificate[] chain = {certificate, ca.certificate()};
                Path pkcs12 = directory.resolve(name + ".p12");
                Path jks = directory.resolve(name + ".jks");
                for (String type : List.of("PKCS12", "JKS")) {
                    KeyStore keystore = empty(type);
                    keystore.setKeyEntry(name, key, STORE_PASSWORD.toCharArray(), chain);
                    store(keystore, type.equals("JKS") ? jks : pkcs12);
                }
                Path chainPem = write(directory.resolve(name + "-chain.pem"), Pem.certificates(chain));
                Path keyPem = write(directory.resolve(name + "-key.pem"), Pem.privateKey(key));
                Path encryptedPem = write(directory.resolve(name + "-key-encrypted.pem"),
                        encrypted(name, key, Pem.PBES2_ALGORITHM));
                Path legacyEncryptedPem = write(directory.resolve(name + "-key-encrypted-legacy.pem"),
                        encrypted(name, key, Pem.LEGACY_ALGORITHM));
                return new KeyMaterial(certificate.getSubjectX500Principal().getName(), pkcs12, jks, STORE_PASSWORD,
                        chainPem, keyPem, encryptedPem, legacyEncryptedPem, PEM_KEY_PASSWORD);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Cannot assemble the key material of " + name, e);
            }
        }
    }

    /** The encrypted PEM text of a key, once the JDK has decrypted it back to the same key. */
    private static String encrypted(String name, PrivateKey key, String algorithm) throws GeneralSecurityException,
            IOException {
        String pem = Pem.encryptedPrivateKey(key, PEM_KEY_PASSWORD, algorithm);
        byte[] decrypted = Pem.decrypt(Pem.decode(pem, "ENCRYPTED PRIVATE KEY"), PEM_KEY_PASSWORD, algorithm);
        if (!MessageDigest.isEqual(decrypted, key.getEncoded())) {
            throw new IllegalStateException("The " + algorithm + " PEM key of " + name
                    + " does not decrypt to the key");
        }
        return pem;
    }

    private static KeyStore load(Path file, String type) throws GeneralSecurityException, IOException {
        KeyStore keystore = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            keystore.load(in, STORE_PASSWORD.toCharArray());
        }
        return keystore;
    }

    private static KeyStore empty(String type) throws GeneralSecurityException, IOException {
        KeyStore keystore = KeyStore.getInstance(type);
        keystore.load(null, null);
        return keystore;
    }

    private static void store(KeyStore keystore, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            keystore.store(out, STORE_PASSWORD.toCharArray());
        }
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static Path temporaryDirectory() {
        try {
            Path base = Path.of(System.getProperty("legacykafka.tmpdir", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "legacy-kafka-certificates-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for certificates", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Temporary files; nothing more to do.
        }
    }
}
