package dev.legacykafka.test.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.test.KafkaVersion;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerSecurityTest {

    private static final KafkaVersion MODERN = KafkaVersion.parse("4.4.0");

    @Test
    void buildsUpAnImmutableValue() {
        BrokerSecurity security = BrokerSecurity.of(ListenerSecurity.SASL_SSL, ListenerSecurity.SSL)
                .withSaslMechanisms(SaslMechanism.SCRAM_SHA_512, SaslMechanism.PLAIN)
                .withPlainUser("bob", "b").withPlainUser("alice", "a").withClientAuthRequired(true)
                .withBrokerCertificate(BrokerCertificate.WRONG_HOST);
        assertThat(security.listeners()).containsExactly(ListenerSecurity.SSL, ListenerSecurity.SASL_SSL);
        assertThat(security.saslMechanisms()).containsExactly(SaslMechanism.PLAIN, SaslMechanism.SCRAM_SHA_512);
        assertThat(security.plainUsers()).containsExactly(Map.entry("alice", "a"), Map.entry("bob", "b"));
        assertThat(security.usesTls()).isTrue();
        assertThat(security.usesSasl()).isTrue();
        assertThat(security.isEnabled()).isTrue();
        assertThatThrownBy(() -> security.listeners().add(ListenerSecurity.SASL_PLAINTEXT))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> security.plainUsers().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        security.checkSupportedBy(MODERN);
        assertThat(BrokerSecurity.NONE.isEnabled()).isFalse();
        assertThat(BrokerSecurity.NONE.toString()).isEqualTo("PLAINTEXT only");
    }

    @Test
    void plaintextIsAlwaysThereAndCannotBeAsked() {
        assertThatThrownBy(() -> BrokerSecurity.of(ListenerSecurity.PLAINTEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("always open");
    }

    @Test
    void settingsThatDoNotFitTogetherAreNamed() {
        assertThatThrownBy(() -> BrokerSecurity.of(ListenerSecurity.SSL).withSaslMechanisms(SaslMechanism.PLAIN)
                .checkSupportedBy(MODERN)).hasMessageContaining("need a SASL_PLAINTEXT or SASL_SSL listener");
        assertThatThrownBy(() -> BrokerSecurity.of(ListenerSecurity.SASL_PLAINTEXT)
                .withSaslMechanisms(SaslMechanism.SCRAM_SHA_256).withPlainUser("a", "b").checkSupportedBy(MODERN))
                .hasMessageContaining("PLAIN users need the PLAIN mechanism");
        assertThatThrownBy(() -> BrokerSecurity.of(ListenerSecurity.SASL_SSL).withSaslMechanisms(SaslMechanism.PLAIN)
                .withClientAuthRequired(true).checkSupportedBy(MODERN)).hasMessageContaining("SSL listener");
        assertThatThrownBy(() -> BrokerSecurity.of(ListenerSecurity.SASL_PLAINTEXT)
                .withSaslMechanisms(SaslMechanism.PLAIN).withBrokerCertificate(BrokerCertificate.UNTRUSTED_CA)
                .checkSupportedBy(MODERN)).hasMessageContaining("UNTRUSTED_CA");
    }

    @Test
    void plainUserNamesMustBeJaasOptionNames() {
        assertThatThrownBy(() -> BrokerSecurity.of(ListenerSecurity.SASL_SSL).withPlainUser("a b", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a b'");
        assertThat(new BrokerSecurity(Set.of(), Set.of(), Map.of("user.name-1_x", "p"), false, BrokerCertificate.TRUSTED)
                .plainUsers()).containsKey("user.name-1_x");
    }

    @Test
    void namesParseAsClientsWriteThem() {
        assertThat(ListenerSecurity.parse("sasl_ssl")).isEqualTo(ListenerSecurity.SASL_SSL);
        assertThat(ListenerSecurity.parse(" SSL ")).isEqualTo(ListenerSecurity.SSL);
        assertThatThrownBy(() -> ListenerSecurity.parse("TLS")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        assertThat(SaslMechanism.parse("scram-sha-512")).isEqualTo(SaslMechanism.SCRAM_SHA_512);
        assertThat(SaslMechanism.parse("SCRAM_SHA_256")).isEqualTo(SaslMechanism.SCRAM_SHA_256);
        assertThat(SaslMechanism.SCRAM_SHA_256).hasToString("SCRAM-SHA-256");
        assertThatThrownBy(() -> SaslMechanism.parse("GSSAPI")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ListenerSecurity.SASL_SSL.usesTls()).isTrue();
        assertThat(ListenerSecurity.SSL.usesSasl()).isFalse();
    }
}
