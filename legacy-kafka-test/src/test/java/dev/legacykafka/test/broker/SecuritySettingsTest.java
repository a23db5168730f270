package dev.legacykafka.test.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.security.auth.login.ConfigFile;
import dev.legacykafka.test.security.BrokerSecurity;
import dev.legacykafka.test.security.ListenerSecurity;
import dev.legacykafka.test.security.SaslMechanism;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecuritySettingsTest {

    @Test
    void jaasFileHoldsOneLoginModulePerMechanismFamilyAndThePlainUsers(@TempDir Path dir) throws Exception {
        BrokerSecurity security = BrokerSecurity.of(ListenerSecurity.SASL_PLAINTEXT)
                .withSaslMechanisms(SaslMechanism.PLAIN, SaslMechanism.SCRAM_SHA_256, SaslMechanism.SCRAM_SHA_512)
                .withPlainUser("alice", "alice-secret").withPlainUser("odd", "quote\" back\\slash");
        Path file = Files.writeString(dir.resolve("jaas.conf"), SecuritySettings.jaasFile(security));
        // Read back with the JDK's own parser, as the broker will.
        AppConfigurationEntry[] entries = new ConfigFile(file.toUri()).getAppConfigurationEntry("KafkaServer");
        assertThat(entries).extracting(AppConfigurationEntry::getLoginModuleName).containsExactly(
                "org.apache.kafka.common.security.plain.PlainLoginModule",
                "org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(entries[0].getControlFlag()).isEqualTo(AppConfigurationEntry.LoginModuleControlFlag.REQUIRED);
        Map<String, Object> options = Map.copyOf(entries[0].getOptions());
        assertThat(options).isEqualTo(Map.of("user_alice", "alice-secret", "user_odd", "quote\" back\\slash"));
    }

    @Test
    void scramOnlyBrokersHaveNoPlainModule() {
        String jaas = SecuritySettings.jaasFile(BrokerSecurity.of(ListenerSecurity.SASL_SSL)
                .withSaslMechanisms(SaslMechanism.SCRAM_SHA_512));
        assertThat(jaas).doesNotContain("PlainLoginModule").contains("ScramLoginModule required;");
    }

    @Test
    void saslSettingsNeedNoCertificatesAndZooKeeperClientsSkipSasl() {
        BrokerSecurity security = BrokerSecurity.of(ListenerSecurity.SASL_PLAINTEXT)
                .withSaslMechanisms(SaslMechanism.SCRAM_SHA_256, SaslMechanism.PLAIN);
        assertThat(SecuritySettings.brokerConfig(security, null))
                .containsExactly(Map.entry("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256"));
        assertThat(SecuritySettings.brokerConfig(BrokerSecurity.NONE, null)).isEmpty();
        assertThat(SecuritySettings.jvmOptions(Path.of("/x/jaas.conf"), true))
                .containsExactly("-Djava.security.auth.login.config=/x/jaas.conf", "-Dzookeeper.sasl.client=false");
        assertThat(SecuritySettings.jvmOptions(Path.of("/x/jaas.conf"), false)).hasSize(1);
    }
}
