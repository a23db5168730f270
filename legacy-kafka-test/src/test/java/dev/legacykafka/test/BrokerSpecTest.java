package dev.legacykafka.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.test.security.BrokerSecurity;
import dev.legacykafka.test.security.ListenerSecurity;
import dev.legacykafka.test.security.SaslMechanism;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerSpecTest {

    @Test
    void specsWithTheSameSettingsAreEqualWhateverTheOrder() {
        BrokerSpec a = BrokerSpec.of("2.8.2").withConfig("a", "1").withConfig("b", "2");
        BrokerSpec b = BrokerSpec.of("2.8.2.0").withConfig(Map.of("b", "2", "a", "1"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(BrokerSpec.of("2.8.2"));
        assertThat(a).isNotEqualTo(a.withStartTimeout(Duration.ofSeconds(5)));
    }

    @Test
    void parsesKeyValueSettingsAsAnnotationsGiveThem() {
        BrokerSpec spec = BrokerSpec.of("0.10.2.2").withConfigEntries("num.partitions = 4", "log.cleanup.policy=compact,delete");
        assertThat(spec.config()).containsExactly(Map.entry("log.cleanup.policy", "compact,delete"),
                Map.entry("num.partitions", "4"));
    }

    @Test
    void rejectsSettingsWithoutKey() {
        assertThatThrownBy(() -> BrokerSpec.of("4.4.0").withConfigEntries("novalue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("novalue");
        assertThatThrownBy(() -> BrokerSpec.of("4.4.0").withConfigEntries("=1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configIsImmutable() {
        BrokerSpec spec = BrokerSpec.of("4.4.0").withConfig("a", "1");
        assertThatThrownBy(() -> spec.config().put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(spec.jvmOptions()).isEqualTo(BrokerSpec.DEFAULT_JVM_OPTIONS);
    }

    @Test
    void securityTakesPartInEqualitySoSecuredAndPlainBrokersAreNeverShared() {
        BrokerSecurity sasl = BrokerSecurity.of(ListenerSecurity.SASL_SSL).withSaslMechanisms(SaslMechanism.PLAIN)
                .withPlainUser("alice", "secret");
        BrokerSpec plain = BrokerSpec.of("2.8.2");
        BrokerSpec secured = plain.withSecurity(sasl);
        assertThat(plain.security()).isEqualTo(BrokerSecurity.NONE);
        assertThat(secured).isNotEqualTo(plain);
        assertThat(secured).isEqualTo(BrokerSpec.of("2.8.2").withSecurity(BrokerSecurity.of(ListenerSecurity.SASL_SSL)
                .withPlainUser("alice", "secret").withSaslMechanisms(SaslMechanism.PLAIN)));
        assertThat(secured).isNotEqualTo(plain.withSecurity(sasl.withPlainUser("bob", "other")));
        assertThat(secured.withConfig("a", "1").security()).isEqualTo(sasl);
        assertThat(secured.toString()).contains("SASL_SSL").contains("alice").doesNotContain("secret");
        assertThat(new BrokerSpec(plain.version(), Map.of(), BrokerSpec.DEFAULT_JVM_OPTIONS,
                BrokerSpec.DEFAULT_START_TIMEOUT)).isEqualTo(plain);
    }

    @Test
    void securityTheReleaseLacksIsRefusedUpFront() {
        assertThatThrownBy(() -> BrokerSpec.of("0.9.0.1").withSecurity(BrokerSecurity.of(ListenerSecurity.SSL)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.10.0");
        BrokerSecurity scram = BrokerSecurity.of(ListenerSecurity.SASL_PLAINTEXT)
                .withSaslMechanisms(SaslMechanism.SCRAM_SHA_256);
        assertThatThrownBy(() -> BrokerSpec.of("0.10.1.1").withSecurity(scram))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SCRAM");
        assertThatThrownBy(() -> BrokerSpec.of("4.4.0").withSecurity(BrokerSecurity.of(ListenerSecurity.SASL_SSL)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("withSaslMechanisms");
    }
}
