package dev.legacykafka.test.broker;

import dev.legacykafka.test.KafkaVersion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders {@code server.properties} for one broker of a loopback cluster: an INTERNAL listener
 * for replication (and, in KRaft, a CONTROLLER listener for the quorum), and an EXTERNAL listener
 * that is advertised at the broker's proxy port, so that clients reach it only through its proxy.
 * The replication defaults suit a cluster; user overrides are applied last and win.
 *
 * <p>Timeouts turned down to make failover fast, each documented in the module README:
 * <ul>
 *   <li>{@code zookeeper.session.timeout.ms=6000}: a killed broker's leaderships move after 6 s
 *       (default 6 s on 0.10–2.4, 18 s from 2.5);</li>
 *   <li>{@code replica.lag.time.max.ms=5000}: a follower that stops fetching leaves the ISR after
 *       5 s instead of 10 s (30 s from 2.5), so acks=all sends resume sooner;</li>
 *   <li>{@code request.timeout.ms=10000} (ZooKeeper releases): inter-broker requests to a hung
 *       broker give up after 10 s instead of 30 s. Before 1.1 (KAFKA-6051) a follower that is made
 *       leader waits for its fetcher's request to the
 *       {@linkplain dev.legacykafka.test.cluster.ClusterBroker#pause() paused} old leader to time
 *       out, and the election with it (measured on 0.11.0.3 with a paused leader: a new leader after
 *       30 s by default, 10 s with this setting);</li>
 *   <li>KRaft {@code broker.heartbeat.interval.ms=500}, {@code broker.session.timeout.ms=3000}: a
 *       dead broker is fenced, and its leaderships moved, after 3 s instead of 9 s.</li>
 * </ul>
 */
final class ClusterProperties {

    static final String INTERNAL = "INTERNAL";
    static final String EXTERNAL = "EXTERNAL";
    static final String CONTROLLER = "CONTROLLER";
    static final String REPLICA_LAG_TIME_MAX_MS = "5000";
    static final String INTER_BROKER_REQUEST_TIMEOUT_MS = "10000";
    static final String BROKER_HEARTBEAT_INTERVAL_MS = "500";
    static final String BROKER_SESSION_TIMEOUT_MS = "3000";

    /** The ports of one cluster node on 127.0.0.1; {@code controller} is -1 for ZooKeeper releases. */
    record NodePorts(int id, int internal, int external, int proxy, int controller) {
    }

    private ClusterProperties() {
    }

    /**
     * Settings of a ZooKeeper-mode broker of the cluster.
     *
     * @param brokers how many brokers the cluster has
     * @param overrides user settings, applied last
     */
    static Map<String, String> zooKeeperMode(KafkaVersion version, NodePorts node, int brokers,
            String zookeeperConnect, Path logDir, Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("broker.id", Integer.toString(node.id()));
        p.put("listeners", listeners(node, false));
        p.put("advertised.listeners", advertisedListeners(node));
        p.put("listener.security.protocol.map", INTERNAL + ":PLAINTEXT," + EXTERNAL + ":PLAINTEXT");
        p.put("inter.broker.listener.name", INTERNAL);
        p.put("zookeeper.connect", zookeeperConnect);
        p.put("zookeeper.session.timeout.ms", BrokerProperties.ZK_SESSION_TIMEOUT_MS);
        p.put("zookeeper.connection.timeout.ms", "30000");
        p.put("controlled.shutdown.enable", "true");
        p.put("request.timeout.ms", INTER_BROKER_REQUEST_TIMEOUT_MS);
        common(version, logDir, brokers, p);
        p.putAll(overrides);
        return p;
    }

    /**
     * Settings of a KRaft node that is broker and controller, one voter among all nodes.
     *
     * @param voters every node of the cluster, for {@code controller.quorum.voters}
     * @param overrides user settings, applied last
     */
    static Map<String, String> kraftMode(KafkaVersion version, NodePorts node, List<NodePorts> voters, Path logDir,
            Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(node.id()));
        p.put("controller.quorum.voters", voters(voters));
        p.put("listeners", listeners(node, true));
        p.put("advertised.listeners", advertisedListeners(node));
        p.put("listener.security.protocol.map",
                INTERNAL + ":PLAINTEXT," + EXTERNAL + ":PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER);
        p.put("inter.broker.listener.name", INTERNAL);
        p.put("broker.heartbeat.interval.ms", BROKER_HEARTBEAT_INTERVAL_MS);
        p.put("broker.session.timeout.ms", BROKER_SESSION_TIMEOUT_MS);
        common(version, logDir, voters.size(), p);
        p.putAll(overrides);
        return p;
    }

    /** {@code 1@127.0.0.1:PORT,2@127.0.0.1:PORT,...}. */
    static String voters(List<NodePorts> nodes) {
        return nodes.stream().map(n -> n.id() + "@" + PortAllocator.LOOPBACK + ":" + n.controller())
                .collect(Collectors.joining(","));
    }

    private static String listeners(NodePorts node, boolean withController) {
        String host = PortAllocator.LOOPBACK;
        return INTERNAL + "://" + host + ":" + node.internal() + "," + EXTERNAL + "://" + host + ":" + node.external()
                + (withController ? "," + CONTROLLER + "://" + host + ":" + node.controller() : "");
    }

    private static String advertisedListeners(NodePorts node) {
        String host = PortAllocator.LOOPBACK;
        return INTERNAL + "://" + host + ":" + node.internal() + "," + EXTERNAL + "://" + host + ":" + node.proxy();
    }

    private static void common(KafkaVersion version, Path logDir, int brokers, Map<String, String> p) {
        String replicationFactor = Integer.toString(Math.min(3, brokers));
        String minIsr = Integer.toString(Math.min(2, brokers));
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", replicationFactor);
        p.put("min.insync.replicas", minIsr);
        // Off by default from 0.11 on, but on in 0.10.2: an out-of-sync replica must never lead.
        p.put("unclean.leader.election.enable", "false");
        p.put("replica.lag.time.max.ms", REPLICA_LAG_TIME_MAX_MS);
        p.put("offsets.topic.replication.factor", replicationFactor);
        // One partition is created at first use instead of 50: much faster on two cores.
        p.put("offsets.topic.num.partitions", "1");
        p.put("delete.topic.enable", "true");
        p.put("log.cleaner.enable", "true");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        if (version.atLeast("0.11")) {
            p.put("transaction.state.log.replication.factor", replicationFactor);
            p.put("transaction.state.log.min.isr", minIsr);
            p.put("transaction.state.log.num.partitions", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
        }
        if (version.atLeast("4.0")) {
            p.put("share.coordinator.state.topic.replication.factor", replicationFactor);
            p.put("share.coordinator.state.topic.min.isr", minIsr);
        }
    }
}
