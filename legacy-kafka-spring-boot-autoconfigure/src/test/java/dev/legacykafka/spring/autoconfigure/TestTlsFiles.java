package dev.legacykafka.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TLS material for tests, made at test time with the JDK's keytool in a temporary directory: a
 * PKCS12 key store with a self-signed client key pair, the same certificate and key as PEM files,
 * and a JKS trust store holding the committed test CA certificate ({@code tls/test-ca.pem}, whose
 * private key was thrown away). Nothing here is used outside tests.
 */
final class TestTlsFiles {

    static final String STORE_PASSWORD = "store-pa55";

    static final String CA_RESOURCE = "tls/test-ca.pem";

    final Path dir;

    final Path caPem;

    final Path keyStore;

    final Path trustStore;

    final Path certificatePem;

    final Path privateKeyPem;

    private TestTlsFiles(Path dir) throws Exception {
        this.dir = dir;
        this.caPem = dir.resolve("test-ca.pem");
        try (InputStream in = TestTlsFiles.class.getClassLoader().getResourceAsStream(CA_RESOURCE)) {
            Files.copy(in, caPem);
        }
        this.keyStore = dir.resolve("client.p12");
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=legacy-kafka test client", "-validity", "3650", "-keystore", keyStore.toString(), "-storetype",
                "PKCS12", "-storepass", STORE_PASSWORD);
        this.trustStore = dir.resolve("truststore.jks");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore",
                trustStore.toString(), "-storetype", "JKS", "-storepass", STORE_PASSWORD);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        this.certificatePem = dir.resolve("client.pem");
        Files.writeString(certificatePem, pem("CERTIFICATE", store.getCertificate("client").getEncoded()));
        Key key = store.getKey("client", STORE_PASSWORD.toCharArray());
        this.privateKeyPem = dir.resolve("client.key");
        Files.writeString(privateKeyPem, pem("PRIVATE KEY", key.getEncoded()));
    }

    /** Makes the files in {@code dir}. */
    static TestTlsFiles create(Path dir) {
        try {
            return new TestTlsFiles(dir);
        } catch (Exception ex) {
            throw new IllegalStateException("Could not make the test TLS files", ex);
        }
    }

    /** A property value pointing at a file. */
    static String file(Path path) {
        return "file:" + path.toAbsolutePath();
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... args) throws IOException, InterruptedException, GeneralSecurityException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new GeneralSecurityException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
