package dev.legacykafka.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.errors.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SecuritySettingsTest {

    private static ProducerConfig.Builder base() {
        return ProducerConfig.builder().bootstrapServers("127.0.0.1:9092");
    }

    @Test
    void passwordsNeverPrint() {
        Password password = Password.of("hunter2");
        SaslSettings sasl = SaslSettings.of(SaslMechanism.SCRAM_SHA_256, "alice", password);
        TlsSettings tls = TlsSettings.builder().trustStore(Path.of("/tmp/trust.p12"), "PKCS12", Password.of("storepass"))
                .keyStore(Path.of("/tmp/key.p12"), "PKCS12", Password.of("keystorepass"), Password.of("keypass")).build();
        ProducerConfig config = base().securityProtocol(SecurityProtocol.SASL_SSL).sasl(sasl).tls(tls).build();

        assertThat(password.toString()).isEqualTo("[hidden]");
        assertThat(password.value()).isEqualTo("hunter2");
        assertThat(sasl.toString()).contains("alice", "SCRAM-SHA-256").doesNotContain("hunter2");
        assertThat(config.toString()).contains("SASL_SSL", "alice", "/tmp/trust.p12")
                .doesNotContain("hunter2", "storepass", "keystorepass", "keypass");
    }

    @Test
    void saslProtocolsNeedCredentials() {
        assertThatThrownBy(() -> base().securityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo("security.sasl"))
                .hasMessageContaining("SCRAM-SHA-256");
    }

    @Test
    void credentialsWithoutASaslProtocolAreRefusedRatherThanIgnored() {
        SaslSettings sasl = SaslSettings.of(SaslMechanism.PLAIN, "alice", "secret");

        assertThatThrownBy(() -> base().sasl(sasl).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("PLAINTEXT").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> base().securityProtocol(SecurityProtocol.SSL).sasl(sasl).build())
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void tlsSettingsWithoutATlsProtocolAreRefused() {
        assertThatThrownBy(() -> base().tls(TlsSettings.defaults()).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("SSL");
        assertThatThrownBy(() -> base().securityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .sasl(SaslSettings.of(SaslMechanism.PLAIN, "a", "b")).tls(TlsSettings.defaults()).build())
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void tlsProtocolsGetDefaultsWithHostnameVerificationOn() {
        ProducerConfig config = base().securityProtocol(SecurityProtocol.SSL).build();

        assertThat(config.tls()).isNotNull();
        assertThat(config.tls().hostnameVerification()).isTrue();
        assertThat(base().build().tls()).isNull();
    }

    @Test
    void conflictingSourcesOfTlsMaterialAreRefused() {
        assertThatThrownBy(() -> TlsSettings.builder().trustStore(Path.of("a.p12"), null, null)
                .trustCertificates(Path.of("ca.pem")).build()).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> TlsSettings.builder().keyStore(Path.of("a.p12"), null, null, null)
                .keyPem(Path.of("c.pem"), Path.of("k.pem"), null).build()).isInstanceOf(ConfigException.class);
    }

    @Test
    void credentialsAreChecked() {
        assertThatThrownBy(() -> SaslSettings.of(SaslMechanism.SCRAM_SHA_512, "", "x"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("security.sasl.username");
        assertThatThrownBy(() -> SaslSettings.of(SaslMechanism.SCRAM_SHA_512, "alice", (String) null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("security.sasl.password");
        assertThatThrownBy(() -> SaslSettings.of(SaslMechanism.PLAIN, "al\0ice", "x"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NUL");
    }

    @Test
    void namesParseAsKafkaWritesThem() {
        assertThat(SecurityProtocol.parse("sasl_ssl")).isEqualTo(SecurityProtocol.SASL_SSL);
        assertThat(SecurityProtocol.parse("SASL-PLAINTEXT")).isEqualTo(SecurityProtocol.SASL_PLAINTEXT);
        assertThat(SaslMechanism.parse("scram-sha-512")).isEqualTo(SaslMechanism.SCRAM_SHA_512);
        assertThat(SaslMechanism.parse("SCRAM_SHA_256")).isEqualTo(SaslMechanism.SCRAM_SHA_256);
        assertThatThrownBy(() -> SaslMechanism.parse("GSSAPI")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512");
        assertThatThrownBy(() -> SecurityProtocol.parse("TLS")).isInstanceOf(ConfigException.class);
    }
}
