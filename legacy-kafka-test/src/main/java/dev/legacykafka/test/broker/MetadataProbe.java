package dev.legacykafka.test.broker;

import static dev.legacykafka.test.broker.KafkaWire.framed;
import static dev.legacykafka.test.broker.KafkaWire.getString;
import static dev.legacykafka.test.broker.KafkaWire.header;
import static dev.legacykafka.test.broker.KafkaWire.putString;
import static dev.legacykafka.test.broker.KafkaWire.receive;
import static dev.legacykafka.test.broker.KafkaWire.send;

import dev.legacykafka.test.KafkaVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal Kafka client that asks a broker for Metadata, used to tell when a broker is ready and
 * when a new topic has leaders. It depends on nothing but the JDK, so it works against every
 * broker version while the broker's own clients stay out of the test classpath.
 *
 * <p>It speaks Metadata v0 to brokers without ApiVersions (before 0.10) and otherwise the highest
 * of v0, v1 and v4 the broker advertises.
 */
final class MetadataProbe {

    private static final short METADATA = 3;

    private final String host;
    private final int port;
    private final KafkaVersion version;
    private final int timeoutMillis;
    private volatile short metadataVersion = -1;

    MetadataProbe(String host, int port, KafkaVersion version, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.version = version;
        this.timeoutMillis = timeoutMillis;
    }

    /** Brokers and partition leaders as the broker sees them. */
    record Cluster(List<Node> brokers, Map<String, Topic> topics) {
    }

    /** A broker of the cluster. */
    record Node(int id, String host, int port) {
    }

    /** A topic's metadata; {@code errorCode} 0 means it exists. */
    record Topic(String name, short errorCode, List<Partition> partitions) {

        /** True if the topic has exactly the given number of partitions, all with a leader. */
        boolean hasLeaders(int expectedPartitions) {
            return errorCode == 0 && partitions.size() == expectedPartitions
                    && partitions.stream().allMatch(p -> p.errorCode() == 0 && p.leader() >= 0);
        }
    }

    /**
     * A partition's leader (-1 if it has none), its replicas and its in-sync replicas, as the
     * answering broker's metadata cache has them.
     */
    record Partition(int id, short errorCode, int leader, List<Integer> replicas, List<Integer> isr) {

        Partition {
            replicas = List.copyOf(replicas);
            isr = List.copyOf(isr);
        }

        /** A partition whose replicas are not of interest. */
        Partition(int id, short errorCode, int leader) {
            this(id, errorCode, leader, List.of(), List.of());
        }
    }

    /**
     * Asks for the metadata of the given topics (none: brokers only, or all topics for v0).
     *
     * @throws IOException if the broker cannot be reached or drops the connection
     */
    Cluster fetch(List<String> topics) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            if (metadataVersion < 0) {
                metadataVersion = negotiateMetadataVersion(socket);
            }
            send(socket, encodeMetadataRequest(metadataVersion, 2, topics));
            return decodeMetadataResponse(metadataVersion, receive(socket, 2));
        }
    }

    /**
     * Polls Metadata until the topic has the given number of partitions, each with a leader.
     *
     * @return null once it has, else (after the timeout) a description of the last answer
     */
    String awaitLeaders(String topic, int partitions, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Topic metadata = fetch(List.of(topic)).topics().get(topic);
                if (metadata != null && metadata.hasLeaders(partitions)) {
                    return null;
                }
                last = String.valueOf(metadata);
            } catch (IOException | RuntimeException e) {
                last = e.toString();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted; last answer: " + last;
            }
        }
        return last;
    }

    private short negotiateMetadataVersion(Socket socket) throws IOException {
        if (!version.supportsApiVersions()) {
            return 0;
        }
        send(socket, KafkaWire.encodeApiVersionsRequest(1));
        short[] range = decodeMetadataRange(receive(socket, 1));
        return chooseMetadataVersion(range[0], range[1]);
    }

    static short chooseMetadataVersion(short min, short max) {
        for (short candidate : new short[] {4, 1, 0}) {
            if (candidate >= min && candidate <= max) {
                return candidate;
            }
        }
        throw new IllegalStateException("Broker supports Metadata v" + min + "-v" + max
                + ", none of v0, v1, v4 this probe speaks");
    }

    static ByteBuffer encodeMetadataRequest(short apiVersion, int correlationId, List<String> topics) {
        ByteBuffer body = ByteBuffer.allocate(256 + topics.stream().mapToInt(t -> 2 + t.length() * 3).sum());
        header(body, METADATA, apiVersion, correlationId);
        body.putInt(topics.size());
        for (String topic : topics) {
            putString(body, topic);
        }
        if (apiVersion >= 4) {
            body.put((byte) 0); // allow_auto_topic_creation: the probe must not create topics
        }
        return framed(body);
    }

    static short[] decodeMetadataRange(ByteBuffer response) {
        short[] range = KafkaWire.decodeApiVersions(response).get(METADATA);
        if (range == null) {
            throw new IllegalStateException("Broker does not list the Metadata API");
        }
        return range;
    }

    static Cluster decodeMetadataResponse(short apiVersion, ByteBuffer response) {
        if (apiVersion >= 3) {
            response.getInt(); // throttle_time_ms
        }
        List<Node> brokers = new ArrayList<>();
        int brokerCount = response.getInt();
        for (int i = 0; i < brokerCount; i++) {
            int id = response.getInt();
            String brokerHost = getString(response);
            int brokerPort = response.getInt();
            if (apiVersion >= 1) {
                getString(response); // rack
            }
            brokers.add(new Node(id, brokerHost, brokerPort));
        }
        if (apiVersion >= 2) {
            getString(response); // cluster_id
        }
        if (apiVersion >= 1) {
            response.getInt(); // controller_id
        }
        Map<String, Topic> topics = new LinkedHashMap<>();
        int topicCount = response.getInt();
        for (int i = 0; i < topicCount; i++) {
            short topicError = response.getShort();
            String name = getString(response);
            if (apiVersion >= 1) {
                response.get(); // is_internal
            }
            List<Partition> partitions = new ArrayList<>();
            int partitionCount = response.getInt();
            for (int p = 0; p < partitionCount; p++) {
                short partitionError = response.getShort();
                int id = response.getInt();
                int leader = response.getInt();
                List<Integer> replicas = readInt32Array(response);
                List<Integer> isr = readInt32Array(response);
                if (apiVersion >= 5) {
                    readInt32Array(response); // offline_replicas
                }
                partitions.add(new Partition(id, partitionError, leader, replicas, isr));
            }
            topics.put(name, new Topic(name, topicError, List.copyOf(partitions)));
        }
        return new Cluster(List.copyOf(brokers), topics);
    }

    private static List<Integer> readInt32Array(ByteBuffer buffer) {
        int count = buffer.getInt();
        List<Integer> values = new ArrayList<>(Math.max(count, 0));
        for (int i = 0; i < count; i++) {
            values.add(buffer.getInt());
        }
        return values;
    }
}
