package dev.legacykafka.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.test.KafkaVersion;
import org.junit.jupiter.api.Test;

/** {@code --broker-version} and {@code --kafka-clients}: which broker, which kafka-clients line, what they allow. */
class OldBrokerOptionsTest {

    @Test
    void theBrokerIsKafka440AndTheLineChosenByItUnlessTold() {
        BenchmarkOptions o = BenchmarkOptions.parse();
        assertThat(o.brokerVersion()).isEqualTo(KafkaVersion.parse("4.4.0"));
        assertThat(o.kafkaClientsLine()).isEqualTo(KafkaClientsLine.Choice.AUTO);
        assertThat(o.brokerSupportsIdempotence()).isTrue();
        BenchmarkOptions old = BenchmarkOptions.parse("--broker-version", "0.10.2.2", "--kafka-clients", "3.9");
        assertThat(old.brokerVersion().toString()).isEqualTo("0.10.2.2");
        assertThat(old.kafkaClientsLine()).isEqualTo(KafkaClientsLine.Choice.OLD_LINE);
        assertThat(old.brokerSupportsIdempotence()).isFalse();
        assertThat(BenchmarkOptions.parse("--broker-version=0.11.0.3").brokerSupportsIdempotence()).isTrue();
        assertThat(BenchmarkOptions.parse("--kafka-clients", "4").kafkaClientsLine())
                .isEqualTo(KafkaClientsLine.Choice.CLASSPATH);
    }

    @Test
    void brokersBefore21GetTheOldLine() {
        assertThat(KafkaClientsLine.needsOldLine(KafkaVersion.parse("0.10.2.2"))).isTrue();
        assertThat(KafkaClientsLine.needsOldLine(KafkaVersion.parse("0.11.0.3"))).isTrue();
        assertThat(KafkaClientsLine.needsOldLine(KafkaVersion.parse("2.0.1"))).isTrue();
        assertThat(KafkaClientsLine.needsOldLine(KafkaVersion.parse("2.1.0"))).isFalse();
        assertThat(KafkaClientsLine.needsOldLine(KafkaVersion.parse("4.4.0"))).isFalse();
    }

    @Test
    void idempotenceOnIsRefusedBefore011NamingTheOption() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--broker-version", "0.10.2.2", "--acks", "all",
                "--idempotence", "on"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--idempotence on")
                .hasMessageContaining("0.10.2.2")
                .hasMessageContaining("InitProducerId");
        assertThat(BenchmarkOptions.parse("--broker-version", "0.11.0.3", "--acks", "all", "--idempotence", "on")
                .idempotenceSetting()).isTrue();
        assertThat(BenchmarkOptions.parse("--broker-version", "0.10.2.2", "--acks", "all", "--idempotence", "off")
                .idempotenceSetting()).isFalse();
    }

    @Test
    void kafkaClientsDefaultIdempotenceIsTurnedOffWhereItCannotWork() {
        BenchmarkOptions old = BenchmarkOptions.parse("--broker-version", "0.10.2.2", "--acks", "all");
        assertThat(KafkaClientsSettings.idempotence(old)).isFalse();
        assertThat(KafkaClientsSettings.of(old, "h:1", 5, "c", null).getProperty("enable.idempotence"))
                .isEqualTo("false");
        // Elsewhere its own default stays (nothing set), and an explicit setting is passed on.
        assertThat(KafkaClientsSettings.idempotence(BenchmarkOptions.parse("--broker-version", "0.10.2.2"))).isNull();
        assertThat(KafkaClientsSettings.idempotence(BenchmarkOptions.parse("--broker-version", "0.11.0.3", "--acks",
                "all"))).isNull();
        assertThat(KafkaClientsSettings.of(BenchmarkOptions.parse("--acks", "all"), "h:1", 5, "c", null))
                .doesNotContainKey("enable.idempotence");
        assertThat(KafkaClientsSettings.idempotence(BenchmarkOptions.parse("--acks", "all", "--idempotence", "off")))
                .isFalse();
    }

    @Test
    void unusableVersionsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--broker-version", "0.9.0.1"))
                .hasMessageContaining("--broker-version").hasMessageContaining("0.10.1");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--broker-version", "latest"))
                .hasMessageContaining("--broker-version").hasMessageContaining("'latest'");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--broker", "null", "--broker-version", "0.11.0.3"))
                .hasMessageContaining("--broker-version").hasMessageContaining("--broker null");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--kafka-clients", "2.8"))
                .hasMessageContaining("--kafka-clients");
    }

    @Test
    void theUsageNamesTheNewOptions() {
        assertThat(BenchmarkOptions.USAGE).contains("--broker-version V").contains("--kafka-clients K");
    }
}
