package dev.legacykafka.test.broker;

import dev.legacykafka.test.KafkaVersion;
import dev.legacykafka.test.security.ListenerSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders {@code server.properties} for a single loopback broker of a given version, and
 * {@code zookeeper.properties} for its ZooKeeper. Every setting that only makes sense with
 * several brokers is turned down to one; user overrides are applied last and win.
 *
 * <p>Secured listeners (SSL, SASL_PLAINTEXT, SASL_SSL) are named after their security protocol, so
 * ZooKeeper-mode brokers need no {@code listener.security.protocol.map}, and PLAINTEXT stays the
 * listener brokers and controllers use among themselves.
 */
final class BrokerProperties {

    static final int ZK_BROKER_ID = 0;
    static final int KRAFT_NODE_ID = 1;
    static final String ZK_SESSION_TIMEOUT_MS = "6000";

    private BrokerProperties() {
    }

    /**
     * Settings of a ZooKeeper-mode broker.
     *
     * @param version the broker release
     * @param port the client port on 127.0.0.1
     * @param zookeeperConnect {@code 127.0.0.1:port} of its ZooKeeper
     * @param logDir the data directory
     * @param overrides user settings, applied last
     */
    static Map<String, String> zooKeeperMode(KafkaVersion version, int port, String zookeeperConnect, Path logDir,
            Map<String, String> overrides) {
        return zooKeeperMode(version, port, Map.of(), zookeeperConnect, logDir, overrides);
    }

    /**
     * Settings of a ZooKeeper-mode broker with secured listeners besides PLAINTEXT.
     *
     * @param securedPorts the port of each secured listener on 127.0.0.1
     */
    static Map<String, String> zooKeeperMode(KafkaVersion version, int port,
            Map<ListenerSecurity, Integer> securedPorts, String zookeeperConnect, Path logDir,
            Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        String endpoints = endpoints(port, securedPorts);
        p.put("broker.id", Integer.toString(ZK_BROKER_ID));
        if (version.needsLegacyHostSettings()) {
            p.put("host.name", PortAllocator.LOOPBACK);
            p.put("port", Integer.toString(port));
            p.put("advertised.host.name", PortAllocator.LOOPBACK);
            p.put("advertised.port", Integer.toString(port));
        }
        if (version.atLeast("0.9")) {
            p.put("listeners", endpoints);
        }
        if (version.atLeast("0.10")) {
            p.put("advertised.listeners", endpoints);
        }
        p.put("zookeeper.connect", zookeeperConnect);
        p.put("zookeeper.session.timeout.ms", ZK_SESSION_TIMEOUT_MS);
        p.put("zookeeper.connection.timeout.ms", "30000");
        common(version, logDir, p);
        p.putAll(overrides);
        return p;
    }

    /**
     * Settings of a KRaft broker that is its own controller.
     *
     * @param version the broker release
     * @param port the client port on 127.0.0.1
     * @param controllerPort the controller listener's port on 127.0.0.1
     * @param logDir the data directory, also holding the metadata log
     * @param overrides user settings, applied last
     */
    static Map<String, String> kraftMode(KafkaVersion version, int port, int controllerPort, Path logDir,
            Map<String, String> overrides) {
        return kraftMode(version, port, Map.of(), controllerPort, logDir, overrides);
    }

    /**
     * Settings of a KRaft broker with secured listeners besides PLAINTEXT; the controller listener
     * stays PLAINTEXT.
     *
     * @param securedPorts the port of each secured listener on 127.0.0.1
     */
    static Map<String, String> kraftMode(KafkaVersion version, int port, Map<ListenerSecurity, Integer> securedPorts,
            int controllerPort, Path logDir, Map<String, String> overrides) {
        String host = PortAllocator.LOOPBACK;
        String endpoints = endpoints(port, securedPorts);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(KRAFT_NODE_ID));
        p.put("controller.quorum.voters", KRAFT_NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", endpoints + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", endpoints);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        new TreeMap<>(securedPorts).keySet()
                .forEach(listener -> protocols.append(',').append(listener).append(':').append(listener));
        p.put("listener.security.protocol.map", protocols.toString());
        common(version, logDir, p);
        p.putAll(overrides);
        return p;
    }

    /** {@code PLAINTEXT://127.0.0.1:port} and each secured listener, in enum order. */
    private static String endpoints(int port, Map<ListenerSecurity, Integer> securedPorts) {
        StringBuilder endpoints = new StringBuilder("PLAINTEXT://" + PortAllocator.LOOPBACK + ":" + port);
        new TreeMap<>(securedPorts).forEach((listener, listenerPort) -> endpoints.append(',')
                .append(listener).append("://").append(PortAllocator.LOOPBACK).append(':').append(listenerPort));
        return endpoints.toString();
    }

    private static void common(KafkaVersion version, Path logDir, Map<String, String> p) {
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        // One partition is created at first use instead of 50: much faster on two cores.
        p.put("offsets.topic.num.partitions", "1");
        p.put("delete.topic.enable", "true");
        // Compacted topics need the cleaner (off by default in 0.8.2); a small buffer suits a small heap.
        p.put("log.cleaner.enable", "true");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        if (version.atLeast("0.11")) {
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
        }
        if (version.atLeast("4.0")) {
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
        }
    }

    /**
     * Settings of a standalone ZooKeeper server.
     *
     * @param port the client port on 127.0.0.1
     * @param dataDir its data directory
     */
    static Map<String, String> zooKeeper(int port, Path dataDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("dataDir", dataDir.toString());
        p.put("clientPort", Integer.toString(port));
        p.put("clientPortAddress", PortAllocator.LOOPBACK);
        p.put("tickTime", "1000");
        p.put("maxClientCnxns", "0");
        // ZooKeeper 3.5+ would otherwise start an HTTP admin server on port 8080.
        p.put("admin.enableServer", "false");
        // ZooKeeper 3.5+ answers only "srvr" unless told otherwise; the cluster fixture asks "dump".
        p.put("4lw.commands.whitelist", "*");
        return p;
    }

    /** Renders settings in {@code .properties} syntax, escaping what needs it. */
    static String render(Map<String, String> properties) {
        StringBuilder text = new StringBuilder("# written by legacy-kafka-test\n");
        properties.forEach((key, value) -> text.append(escape(key, true)).append('=').append(escape(value, false))
                .append('\n'));
        return text.toString();
    }

    static void write(Path file, Map<String, String> properties) {
        try {
            Files.writeString(file, render(properties), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '=', ':', '#', '!' -> out.append(key ? "\\" + c : String.valueOf(c));
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c > 0x7e || c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
