package dev.legacykafka.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.errors.ConfigException;
import dev.legacykafka.test.security.KeyMaterial;
import dev.legacykafka.test.security.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust and key material that cannot be used fails the producer at once, naming the setting, never the password. */
class SslContextFactoryTest {

    private static final TestCertificates CERTIFICATES = TestCertificates.shared();

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNamedWithItsSetting() {
        Path missing = dir.resolve("nope.pem");

        assertThatThrownBy(() -> SslContextFactory.create(TlsSettings.builder().trustCertificates(missing).build()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo("security.ssl.trust-certificates"))
                .hasMessageContaining(missing.toString()).hasMessageContaining("no readable file");
    }

    @Test
    void aWrongStorePasswordFailsWithoutShowingIt() {
        TlsSettings settings = TlsSettings.builder()
                .trustStore(CERTIFICATES.ca().truststorePkcs12(), "PKCS12", Password.of("not-the-password")).build();

        assertThatThrownBy(() -> SslContextFactory.create(settings))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo("security.ssl.trust-store"))
                .hasMessageContaining("password")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void anEncryptedKeyWithoutPasswordOrWithTheWrongOneIsRefused() {
        KeyMaterial client = CERTIFICATES.client();

        assertThatThrownBy(() -> SslContextFactory.create(TlsSettings.builder()
                .keyPem(client.certificateChainPem(), client.encryptedPrivateKeyPem(), null).build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("encrypted and no key password");
        assertThatThrownBy(() -> SslContextFactory.create(TlsSettings.builder()
                .keyPem(client.certificateChainPem(), client.encryptedPrivateKeyPem(), Password.of("wrong-one")).build()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo("security.ssl.private-key"))
                .hasMessageNotContaining("wrong-one");
    }

    @Test
    void keysEncryptedWithTheOlderPbeSchemeAreReadToo() {
        KeyMaterial client = CERTIFICATES.client();

        assertThat(SslContextFactory.create(TlsSettings.builder()
                .keyPem(client.certificateChainPem(), client.legacyEncryptedPrivateKeyPem(),
                        Password.of(client.encryptedPrivateKeyPassword())).build())).isNotNull();
    }

    @Test
    void pkcs1KeysAreRefusedWithTheConversionCommand() throws Exception {
        Path pkcs1 = Files.writeString(dir.resolve("key.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> SslContextFactory.create(TlsSettings.builder()
                .keyPem(CERTIFICATES.client().certificateChainPem(), pkcs1, null).build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void aFileWithoutCertificatesIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");

        assertThatThrownBy(() -> SslContextFactory.create(TlsSettings.builder().trustCertificates(empty).build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BEGIN CERTIFICATE");
    }

    @Test
    void aGivenContextIsUsedAsItIs() throws Exception {
        SSLContext context = SSLContext.getDefault();

        assertThat(SslContextFactory.create(TlsSettings.builder().sslContext(context).build())).isSameAs(context);
    }
}
