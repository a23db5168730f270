package dev.legacykafka.client.scripted;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;

/**
 * Everything the scripted cluster knows: nodes, topics, partitions with their leaders, logs and
 * producer state, the producer ids it handed out and the Produce batches it received. The network
 * thread and the test thread share it under its monitor.
 */
final class ClusterState {

    /** A node's listener address. */
    record Node(int id, String host, int port) {
    }

    /** A topic: its options, id and partitions. */
    record Topic(TopicSpec spec, Uuid id, List<PartitionState> partitions) {
    }

    final List<Node> nodes = new ArrayList<>();
    final Map<String, Topic> topics = new LinkedHashMap<>();
    final Map<Uuid, String> topicNames = new HashMap<>();
    final List<ReceivedProduce> received = new ArrayList<>();
    /** When each Metadata request was read, in milliseconds since the epoch. */
    final List<Long> metadataRequestTimes = new ArrayList<>();
    final FaultSchedule faults = new FaultSchedule();
    /** The producer id of every transactional id seen. */
    final Map<String, Long> transactionalProducerIds = new HashMap<>();
    /** Every EndTxn accepted, in order. */
    final List<TransactionHandler.TransactionEnd> transactionEnds = new ArrayList<>();
    /** Topics the coordinator refuses to add to a transaction, with the error it answers. */
    final Map<String, Errors> transactionRefusals = new HashMap<>();
    /** The current epoch of every producer id handed out. */
    final Map<Long, Short> producerEpochs = new HashMap<>();
    BrokerBehaviour behaviour;
    long nextProducerId = 1000;
    int produceRequests;

    ClusterState(BrokerBehaviour behaviour) {
        this.behaviour = behaviour;
    }

    synchronized void addTopic(TopicSpec spec) {
        if (topics.containsKey(spec.name())) {
            throw new IllegalArgumentException("Topic " + spec.name() + " exists");
        }
        List<PartitionState> partitions = new ArrayList<>();
        for (int p = 0; p < spec.partitions(); p++) {
            int leader = spec.leaders().isEmpty() ? p % nodes.size() : spec.leaders().get(p);
            if (leader < 0 || leader >= nodes.size()) {
                throw new IllegalArgumentException("No node " + leader + " in a cluster of " + nodes.size());
            }
            partitions.add(new PartitionState(spec.name(), p, leader));
        }
        Uuid id = Uuid.randomUuid();
        topics.put(spec.name(), new Topic(spec, id, partitions));
        topicNames.put(id, spec.name());
    }

    /** The partition, or null when the topic or partition does not exist. */
    synchronized PartitionState partition(String topic, int partition) {
        Topic t = topic == null ? null : topics.get(topic);
        if (t == null || partition < 0 || partition >= t.partitions().size()) {
            return null;
        }
        return t.partitions().get(partition);
    }

    synchronized PartitionState requirePartition(String topic, int partition) {
        PartitionState state = partition(topic, partition);
        if (state == null) {
            throw new IllegalArgumentException("No partition " + topic + "-" + partition);
        }
        return state;
    }

    synchronized void moveLeader(PartitionState state, int nodeId, boolean leaderHint) {
        if (nodeId < 0 || nodeId >= nodes.size()) {
            throw new IllegalArgumentException("No node " + nodeId);
        }
        state.leaderId = nodeId;
        state.leaderEpoch++;
        state.leaderHint = leaderHint;
    }

    synchronized Node node(int id) {
        return nodes.get(id);
    }
}
