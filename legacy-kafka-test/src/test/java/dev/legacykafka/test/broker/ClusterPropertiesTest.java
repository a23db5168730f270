package dev.legacykafka.test.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.test.KafkaVersion;
import dev.legacykafka.test.broker.ClusterProperties.NodePorts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterPropertiesTest {

    private static final Path LOGS = Path.of("/tmp/c/broker-2/kafka-logs");
    private static final NodePorts NODE = new NodePorts(2, 9001, 9002, 9003, -1);

    @Test
    void zooKeeperBrokersAdvertiseTheirProxyToClientsAndReplicateDirectly() {
        Map<String, String> p = ClusterProperties.zooKeeperMode(KafkaVersion.parse("0.10.2.2"), NODE, 3,
                "127.0.0.1:2181", LOGS, Map.of());
        assertThat(p).containsEntry("broker.id", "2")
                .containsEntry("listeners", "INTERNAL://127.0.0.1:9001,EXTERNAL://127.0.0.1:9002")
                .containsEntry("advertised.listeners", "INTERNAL://127.0.0.1:9001,EXTERNAL://127.0.0.1:9003")
                .containsEntry("listener.security.protocol.map", "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT")
                .containsEntry("inter.broker.listener.name", "INTERNAL")
                .containsEntry("zookeeper.connect", "127.0.0.1:2181")
                .containsEntry("zookeeper.session.timeout.ms", "6000")
                .containsEntry("request.timeout.ms", "10000")
                .containsEntry("log.dirs", LOGS.toString())
                .doesNotContainKeys("port", "host.name", "process.roles", "node.id",
                        "transaction.state.log.replication.factor");
    }

    @Test
    void threeBrokersReplicateThreeTimesWithTwoInSync() {
        Map<String, String> p = ClusterProperties.zooKeeperMode(KafkaVersion.parse("2.8.2"), NODE, 3,
                "127.0.0.1:2181", LOGS, Map.of());
        assertThat(p).containsEntry("default.replication.factor", "3").containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("unclean.leader.election.enable", "false")
                .containsEntry("replica.lag.time.max.ms", "5000");
    }

    @Test
    void smallerClustersNeverAskForMoreReplicasThanBrokers() {
        Map<String, String> one = ClusterProperties.zooKeeperMode(KafkaVersion.parse("2.8.2"), NODE, 1,
                "127.0.0.1:2181", LOGS, Map.of());
        assertThat(one).containsEntry("default.replication.factor", "1").containsEntry("min.insync.replicas", "1")
                .containsEntry("offsets.topic.replication.factor", "1");
        Map<String, String> five = ClusterProperties.zooKeeperMode(KafkaVersion.parse("2.8.2"), NODE, 5,
                "127.0.0.1:2181", LOGS, Map.of());
        assertThat(five).containsEntry("default.replication.factor", "3").containsEntry("min.insync.replicas", "2");
    }

    @Test
    void kraftNodesAreBrokerAndControllerAndVoteTogether() {
        List<NodePorts> nodes = List.of(new NodePorts(1, 11, 12, 13, 14), new NodePorts(2, 21, 22, 23, 24),
                new NodePorts(3, 31, 32, 33, 34));
        Map<String, String> p = ClusterProperties.kraftMode(KafkaVersion.parse("4.4.0"), nodes.get(1), nodes, LOGS,
                Map.of());
        assertThat(p).containsEntry("process.roles", "broker,controller").containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:14,2@127.0.0.1:24,3@127.0.0.1:34")
                .containsEntry("listeners", "INTERNAL://127.0.0.1:21,EXTERNAL://127.0.0.1:22,CONTROLLER://127.0.0.1:24")
                .containsEntry("advertised.listeners", "INTERNAL://127.0.0.1:21,EXTERNAL://127.0.0.1:23")
                .containsEntry("listener.security.protocol.map",
                        "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("inter.broker.listener.name", "INTERNAL")
                .containsEntry("broker.session.timeout.ms", "3000")
                .containsEntry("broker.heartbeat.interval.ms", "500")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("share.coordinator.state.topic.replication.factor", "3")
                .doesNotContainKeys("broker.id", "zookeeper.connect", "request.timeout.ms");
    }

    @Test
    void kraft39HasNoShareCoordinatorSettings() {
        List<NodePorts> nodes = List.of(new NodePorts(1, 11, 12, 13, 14));
        Map<String, String> p = ClusterProperties.kraftMode(KafkaVersion.parse("3.9.1"), nodes.get(0), nodes, LOGS,
                Map.of());
        assertThat(p).containsEntry("controller.quorum.voters", "1@127.0.0.1:14")
                .containsEntry("default.replication.factor", "1")
                .doesNotContainKey("share.coordinator.state.topic.replication.factor");
    }

    @Test
    void userSettingsWin() {
        Map<String, String> p = ClusterProperties.zooKeeperMode(KafkaVersion.parse("0.11.0.3"), NODE, 3,
                "127.0.0.1:2181", LOGS, Map.of("min.insync.replicas", "3", "zookeeper.session.timeout.ms", "10000"));
        assertThat(p).containsEntry("min.insync.replicas", "3").containsEntry("zookeeper.session.timeout.ms", "10000");
    }

    @Test
    void readsBrokerRegistrationsFromZooKeepersDump() {
        String dump = String.join("\n",
                "SessionTracker dump:",
                "Session Sets (2):",
                "0 expire at Thu Dec 03 13:00:00 UTC 2026:",
                "1 expire at Thu Dec 03 13:00:06 UTC 2026:",
                "\t0x100000a1b2c0001",
                "ephemeral nodes dump:",
                "Sessions with Ephemerals (2):",
                "0x100000a1b2c0000:",
                "\t/controller",
                "\t/brokers/ids/1",
                "0x100000a1b2c0001:",
                "\t/brokers/ids/3",
                "\t/chroot/brokers/ids/12",
                "\t/brokers/topics/x",
                "");
        assertThat(ZooKeeperRegistrations.parseDump(dump)).containsExactly(1, 3, 12);
        assertThat(ZooKeeperRegistrations.parseDump("ephemeral nodes dump:\nSessions with Ephemerals (0):\n"))
                .isEmpty();
    }
}
