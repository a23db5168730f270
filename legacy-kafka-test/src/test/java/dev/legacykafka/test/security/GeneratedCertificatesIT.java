package dev.legacykafka.test.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The generated certificates, checked with the JDK's own X.509 and keystore code and, where installed, openssl. */
class GeneratedCertificatesIT {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratedCertificatesIT.class);
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static TestCertificates certificates;

    @BeforeAll
    static void generateOnce() {
        long started = System.nanoTime();
        certificates = TestCertificates.shared();
        LOG.info("Test certificates ready in {} ms (generated now, or earlier in this JVM)",
                (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void sharedCertificatesAreMadeOncePerJvm() {
        assertThat(TestCertificates.shared()).isSameAs(certificates);
        assertThat(certificates.directory()).isDirectory();
        assertThat(certificates.broker(BrokerCertificate.TRUSTED)).isSameAs(certificates.broker());
        assertThat(certificates.broker(BrokerCertificate.WRONG_HOST)).isSameAs(certificates.wrongHostBroker());
        assertThat(certificates.broker(BrokerCertificate.UNTRUSTED_CA)).isSameAs(certificates.untrustedBroker());
        assertThat(certificates.issuerOf(BrokerCertificate.UNTRUSTED_CA)).isSameAs(certificates.untrustedCa());
        assertThat(certificates.issuerOf(BrokerCertificate.WRONG_HOST)).isSameAs(certificates.ca());
    }

    @Test
    void casAreCasAndLeavesAreNot() throws Exception {
        X509Certificate ca = pemCertificates(certificates.ca().certificatePem()).get(0);
        X509Certificate untrusted = pemCertificates(certificates.untrustedCa().certificatePem()).get(0);
        for (X509Certificate authority : List.of(ca, untrusted)) {
            assertThat(authority.getBasicConstraints()).isNotNegative();
            assertThat(authority.getKeyUsage()[5]).as("keyCertSign").isTrue();
            assertThat(authority.getSubjectX500Principal()).isEqualTo(authority.getIssuerX500Principal());
            authority.verify(authority.getPublicKey());
        }
        assertThat(ca.getSubjectX500Principal()).isNotEqualTo(untrusted.getSubjectX500Principal());
        assertThat(ca.getPublicKey()).isNotEqualTo(untrusted.getPublicKey());
        assertThat(leaf(certificates.broker()).getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void brokerCertificatesNameTheirHostsAndChainToTheirCa() throws Exception {
        X509Certificate broker = leaf(certificates.broker());
        assertThat(broker.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(7, "127.0.0.1"),
                List.of(2, "localhost"));
        assertThat(broker.getExtendedKeyUsage()).contains(SERVER_AUTH);
        assertThat(leaf(certificates.wrongHostBroker()).getSubjectAlternativeNames())
                .containsExactly(List.of(2, "wrong-host.invalid"));
        assertThat(leaf(certificates.untrustedBroker()).getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(7, "127.0.0.1"), List.of(2, "localhost"));
        assertThat(leaf(certificates.client()).getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(broker.getNotAfter()).isAfter(Date.from(Instant.now().plus(Duration.ofDays(3000))));
        broker.checkValidity();

        X509TrustManager trustingCa = trustManager(certificates.ca());
        trustingCa.checkServerTrusted(chain(certificates.broker()), "RSA");
        trustingCa.checkServerTrusted(chain(certificates.wrongHostBroker()), "RSA"); // no host check here
        trustingCa.checkClientTrusted(chain(certificates.client()), "RSA");
        assertThatThrownBy(() -> trustingCa.checkServerTrusted(chain(certificates.untrustedBroker()), "RSA"))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trustingCa.checkClientTrusted(chain(certificates.untrustedClient()), "RSA"))
                .isInstanceOf(CertificateException.class);
        trustManager(certificates.untrustedCa()).checkServerTrusted(chain(certificates.untrustedBroker()), "RSA");
    }

    @Test
    void everyStoreOpensInBothFormatsAndHoldsTheSameKeyAsThePemFiles() throws Exception {
        for (KeyMaterial material : List.of(certificates.broker(), certificates.wrongHostBroker(),
                certificates.untrustedBroker(), certificates.client(), certificates.untrustedClient())) {
            byte[] pemKey = pemBlock(material.privateKeyPem(), "PRIVATE KEY");
            assertThat(Files.readString(material.privateKeyPem())).startsWith("-----BEGIN PRIVATE KEY-----\n");
            for (Path store : List.of(material.keystorePkcs12(), material.keystoreJks())) {
                KeyStore keystore = load(store, material.keystorePassword());
                assertThat(keystore.size()).isEqualTo(1);
                String alias = keystore.aliases().nextElement();
                Key key = keystore.getKey(alias, material.keystorePassword().toCharArray());
                assertThat(key.getEncoded()).isEqualTo(pemKey);
                assertThat(keystore.getCertificateChain(alias)).containsExactly(chain(material));
            }
            assertThat(chain(material)).hasSize(2);
        }
        for (CertificateAuthority authority : List.of(certificates.ca(), certificates.untrustedCa())) {
            X509Certificate pem = pemCertificates(authority.certificatePem()).get(0);
            for (Path store : List.of(authority.truststorePkcs12(), authority.truststoreJks())) {
                KeyStore truststore = load(store, authority.truststorePassword());
                assertThat(truststore.size()).isEqualTo(1);
                assertThat(truststore.getCertificate(truststore.aliases().nextElement())).isEqualTo(pem);
            }
        }
    }

    @Test
    void encryptedPemKeysDecryptWithTheirPassword() throws Exception {
        KeyMaterial client = certificates.client();
        byte[] plain = pemBlock(client.privateKeyPem(), "PRIVATE KEY");
        for (Path encrypted : List.of(client.encryptedPrivateKeyPem(), client.legacyEncryptedPrivateKeyPem())) {
            assertThat(Files.readString(encrypted)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(pemBlock(encrypted, "ENCRYPTED PRIVATE KEY"));
            // For PBES2 the parameters, not getAlgName() ("PBES2" on JDK 17), name the cipher to use.
            String cipherName = info.getAlgName().equals("PBES2") || info.getAlgName().equals("1.2.840.113549.1.5.13")
                    ? info.getAlgParameters().toString() : info.getAlgName();
            Cipher cipher = Cipher.getInstance(cipherName);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(cipherName).generateSecret(
                    new PBEKeySpec(client.encryptedPrivateKeyPassword().toCharArray())), info.getAlgParameters());
            assertThat(info.getKeySpec(cipher).getEncoded()).as("%s (%s)", encrypted.getFileName(), cipherName)
                    .isEqualTo(plain);
        }
        assertThat(new EncryptedPrivateKeyInfo(pemBlock(client.encryptedPrivateKeyPem(), "ENCRYPTED PRIVATE KEY"))
                .getAlgParameters().toString()).isEqualTo("PBEWithHmacSHA256AndAES_256");
    }

    @Test
    void opensslReadsTheEncryptedKeysAndVerifiesTheChains() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        assumeTrue(Files.isExecutable(openssl), "openssl is not installed");
        KeyMaterial client = certificates.client();
        String plain = Files.readString(client.privateKeyPem());
        for (Path encrypted : List.of(client.encryptedPrivateKeyPem(), client.legacyEncryptedPrivateKeyPem())) {
            assertThat(run(openssl.toString(), "pkcs8", "-in", encrypted.toString(), "-passin",
                    "pass:" + client.encryptedPrivateKeyPassword())).isEqualTo(plain);
        }
        assertThat(run(openssl.toString(), "verify", "-CAfile", certificates.ca().certificatePem().toString(),
                certificates.broker().certificateChainPem().toString())).contains(": OK");
    }

    private static X509Certificate leaf(KeyMaterial material) throws Exception {
        return chain(material)[0];
    }

    private static X509Certificate[] chain(KeyMaterial material) throws Exception {
        return pemCertificates(material.certificateChainPem()).toArray(X509Certificate[]::new);
    }

    private static List<X509Certificate> pemCertificates(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
    }

    private static byte[] pemBlock(Path file, String label) throws Exception {
        String text = Files.readString(file);
        String begin = "-----BEGIN " + label + "-----";
        int from = text.indexOf(begin) + begin.length();
        return Base64.getMimeDecoder().decode(text.substring(from, text.indexOf("-----END " + label + "-----")));
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore keystore = KeyStore.getInstance(file.toString().endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keystore.load(in, password.toCharArray());
        }
        return keystore;
    }

    private static X509TrustManager trustManager(CertificateAuthority authority) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(load(authority.truststorePkcs12(), authority.truststorePassword()));
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
