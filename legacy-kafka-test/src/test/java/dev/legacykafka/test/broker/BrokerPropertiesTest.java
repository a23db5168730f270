package dev.legacykafka.test.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.test.KafkaVersion;
import dev.legacykafka.test.security.ListenerSecurity;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {

    private static final Path LOGS = Path.of("/tmp/x/kafka-logs");

    @Test
    void oldBrokersGetHostAndPortSettings() {
        Map<String, String> p = BrokerProperties.zooKeeperMode(KafkaVersion.parse("0.8.2.2"), 9092,
                "127.0.0.1:2181", LOGS, Map.of());
        assertThat(p).containsEntry("port", "9092").containsEntry("host.name", "127.0.0.1")
                .containsEntry("advertised.host.name", "127.0.0.1").containsEntry("zookeeper.connect", "127.0.0.1:2181")
                .containsEntry("log.cleaner.enable", "true").doesNotContainKey("listeners")
                .doesNotContainKey("transaction.state.log.replication.factor");
    }

    @Test
    void from010OnListenersAloneNameTheEndpoint() {
        Map<String, String> p = BrokerProperties.zooKeeperMode(KafkaVersion.parse("0.11.0.3"), 9092,
                "127.0.0.1:2181", LOGS, Map.of());
        assertThat(p).containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092").doesNotContainKey("port")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    @Test
    void kraftBrokersAreTheirOwnController() {
        Map<String, String> p = BrokerProperties.kraftMode(KafkaVersion.parse("4.4.0"), 9092, 9093, LOGS, Map.of());
        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .doesNotContainKey("zookeeper.connect").doesNotContainKey("broker.id");
        assertThat(BrokerProperties.kraftMode(KafkaVersion.parse("3.9.1"), 1, 2, LOGS, Map.of()))
                .doesNotContainKey("share.coordinator.state.topic.replication.factor");
    }

    @Test
    void userSettingsWin() {
        Map<String, String> p = BrokerProperties.zooKeeperMode(KafkaVersion.parse("2.8.2"), 9092, "127.0.0.1:2181",
                LOGS, Map.of("num.partitions", "7", "quota.producer.default", "1024"));
        assertThat(p).containsEntry("num.partitions", "7").containsEntry("quota.producer.default", "1024");
    }

    @Test
    void renderedPropertiesReadBackIdentically() throws Exception {
        Map<String, String> settings = Map.of("plain", "value", "odd key=:#", " leading space, trailing \\",
                "unicode", "caf\u00e9 \u2603", "multi", "line1\nline2");
        Properties read = new Properties();
        read.load(new StringReader(BrokerProperties.render(settings)));
        assertThat(read).containsExactlyInAnyOrderEntriesOf(settings);
    }

    @Test
    void zooKeeperHasNoAdminServer() {
        assertThat(BrokerProperties.zooKeeper(2181, Path.of("/tmp/zk"))).containsEntry("clientPort", "2181")
                .containsEntry("clientPortAddress", "127.0.0.1").containsEntry("admin.enableServer", "false");
    }

    @Test
    void loggingGoesToStdoutForServersAndStderrForTools() {
        assertThat(LoggingConfig.log4j1(false)).contains("rootLogger=INFO").contains("Target=System.out");
        assertThat(LoggingConfig.log4j1(true)).contains("rootLogger=WARN").contains("Target=System.err");
        assertThat(LoggingConfig.log4j2(true)).contains("SYSTEM_ERR").contains("rootLogger.level = warn");
    }

    @Test
    void securedListenersGetTheirOwnPortsAndAreAdvertised() {
        Map<ListenerSecurity, Integer> secured = Map.of(ListenerSecurity.SASL_SSL, 9095, ListenerSecurity.SSL, 9093);
        Map<String, String> zk = BrokerProperties.zooKeeperMode(KafkaVersion.parse("0.10.2.2"), 9092, secured,
                "127.0.0.1:2181", LOGS, Map.of());
        String endpoints = "PLAINTEXT://127.0.0.1:9092,SSL://127.0.0.1:9093,SASL_SSL://127.0.0.1:9095";
        assertThat(zk).containsEntry("listeners", endpoints).containsEntry("advertised.listeners", endpoints)
                .doesNotContainKey("listener.security.protocol.map");

        Map<String, String> kraft = BrokerProperties.kraftMode(KafkaVersion.parse("4.4.0"), 9092, secured, 9094, LOGS,
                Map.of());
        assertThat(kraft).containsEntry("listeners", endpoints + ",CONTROLLER://127.0.0.1:9094")
                .containsEntry("advertised.listeners", endpoints)
                .containsEntry("inter.broker.listener.name", "PLAINTEXT")
                .containsEntry("listener.security.protocol.map",
                        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL");
    }
}
