package dev.legacykafka.client.scripted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.kafka.common.protocol.Errors;

/**
 * An in-process Kafka cluster of 1 to 3 nodes for fault tests: it speaks the wire protocol
 * (ApiVersions, Metadata, InitProducerId, Produce v3+, and a minimal transaction coordinator) through
 * kafka-clients' own message classes,
 * keeps a log and a faithful idempotent-producer state per partition, and injects the faults of
 * its {@link FaultSchedule}.
 *
 * <pre>{@code
 * try (ScriptedBroker broker = ScriptedBroker.start(3)) {
 *     broker.createTopic(TopicSpec.of("orders", 3).asCompacted());
 *     broker.faults().when(ProduceMatcher.nthRequest(2)).answer(Errors.LEADER_NOT_AVAILABLE);
 *     // produce to broker.bootstrapServers(), then assert on broker.log("orders", 0)
 * }
 * }</pre>
 */
public final class ScriptedBroker implements AutoCloseable {

    private final ClusterState cluster;
    private final BrokerNetwork network;

    private ScriptedBroker(int nodes, BrokerBehaviour behaviour) throws IOException {
        if (nodes < 1 || nodes > 3) {
            throw new IllegalArgumentException("1 to 3 nodes, not " + nodes);
        }
        WarmUp.once();
        this.cluster = new ClusterState(behaviour);
        this.network = new BrokerNetwork(nodes, new RequestRouter(cluster));
        for (int node = 0; node < nodes; node++) {
            cluster.nodes.add(new ClusterState.Node(node, "127.0.0.1", network.port(node)));
        }
        network.start();
    }

    /** Starts {@code nodes} nodes (ids 0..nodes-1) with {@link BrokerBehaviour#defaults()}. */
    public static ScriptedBroker start(int nodes) {
        return start(nodes, BrokerBehaviour.defaults());
    }

    /** Starts {@code nodes} nodes (ids 0..nodes-1) that behave as {@code behaviour} says. */
    public static ScriptedBroker start(int nodes, BrokerBehaviour behaviour) {
        try {
            return new ScriptedBroker(nodes, behaviour);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the scripted broker's listeners", e);
        }
    }

    /** {@code host:port} of every node, comma-separated. */
    public String bootstrapServers() {
        StringJoiner servers = new StringJoiner(",");
        for (ClusterState.Node node : cluster.nodes) {
            servers.add(node.host() + ":" + node.port());
        }
        return servers.toString();
    }

    /** Creates a topic; its partitions are spread over the nodes unless the spec names leaders. */
    public ScriptedBroker createTopic(TopicSpec spec) {
        cluster.addTopic(spec);
        return this;
    }

    /** The fault schedule, scriptable while the broker runs. */
    public FaultSchedule faults() {
        return cluster.faults;
    }

    /** Changes the idempotence behaviour from now on. */
    public void behaviour(BrokerBehaviour behaviour) {
        synchronized (cluster) {
            cluster.behaviour = behaviour;
        }
    }

    /** A copy of a partition's log, in offset order. */
    public List<LoggedRecord> log(String topic, int partition) {
        synchronized (cluster) {
            return List.copyOf(cluster.requirePartition(topic, partition).log);
        }
    }

    /** Every partition batch of every Produce request received so far, in arrival order. */
    public List<ReceivedProduce> produceRequests() {
        synchronized (cluster) {
            return List.copyOf(cluster.received);
        }
    }

    /** Produce requests received for one partition, in arrival order. */
    public List<ReceivedProduce> produceRequests(String topic, int partition) {
        List<ReceivedProduce> out = new ArrayList<>();
        for (ReceivedProduce received : produceRequests()) {
            if (received.event().partition() == partition && topic.equals(received.event().topic())) {
                out.add(received);
            }
        }
        return out;
    }

    /**
     * The most batches of one partition that were in flight together: read by a node while earlier
     * batches of the partition were still unanswered. Tests use it to check their setup pipelined.
     */
    public int maxBatchesInFlight(String topic, int partition) {
        List<ReceivedProduce> received = produceRequests(topic, partition);
        int max = 0;
        for (int i = 0; i < received.size(); i++) {
            int together = 1;
            for (int j = 0; j < i; j++) {
                if (received.get(j).answeredAtMs() > received.get(i).event().readAtMs()) {
                    together++;
                }
            }
            max = Math.max(max, together);
        }
        return max;
    }

    /** From now on the coordinator answers AddPartitionsToTxn for the topic with this error. */
    public void refuseInTransactions(String topic, Errors error) {
        synchronized (cluster) {
            cluster.transactionRefusals.put(topic, error);
        }
    }

    /** Every EndTxn the coordinator (node 0) accepted, in order. */
    public List<TransactionHandler.TransactionEnd> transactionEnds() {
        synchronized (cluster) {
            return List.copyOf(cluster.transactionEnds);
        }
    }

    /** When each Metadata request was read (milliseconds since the epoch), in order. */
    public List<Long> metadataRequestTimes() {
        synchronized (cluster) {
            return List.copyOf(cluster.metadataRequestTimes);
        }
    }

    /** The node leading a partition now. */
    public int leader(String topic, int partition) {
        synchronized (cluster) {
            return cluster.requirePartition(topic, partition).leaderId;
        }
    }

    /**
     * Moves a partition's leadership to {@code nodeId} and bumps its leader epoch; the old leader
     * answers its batches NOT_LEADER_OR_FOLLOWER from now on.
     *
     * @param leaderHint whether those answers name the new leader and its endpoint (KIP-951, Produce v10+)
     */
    public void moveLeader(String topic, int partition, int nodeId, boolean leaderHint) {
        synchronized (cluster) {
            cluster.moveLeader(cluster.requirePartition(topic, partition), nodeId, leaderHint);
        }
    }

    /** Makes a partition forget a producer's state, as retention or producer-id expiry would. */
    public void forgetProducer(String topic, int partition, long producerId) {
        synchronized (cluster) {
            cluster.requirePartition(topic, partition).producers.forget(producerId);
        }
    }

    /** Makes every partition forget every producer. */
    public void forgetAllProducers() {
        synchronized (cluster) {
            for (ClusterState.Topic topic : cluster.topics.values()) {
                for (PartitionState partition : topic.partitions()) {
                    partition.producers.forgetAll();
                }
            }
        }
    }

    /** A readable dump of the Produce requests received, for failure messages. */
    public String describeProduceRequests() {
        StringBuilder out = new StringBuilder();
        for (ReceivedProduce received : produceRequests()) {
            out.append("  ").append(received).append('\n');
        }
        return out.toString();
    }

    /** Stops the network thread and closes every socket (within about a second). */
    @Override
    public void close() {
        network.close();
    }
}
