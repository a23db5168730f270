package dev.legacykafka.client.scripted;

import java.util.ArrayList;
import java.util.List;

/** One partition of the scripted cluster: its leader, its log and its producer state. Guarded by the cluster's lock. */
final class PartitionState {

    final String topic;
    final int partition;
    int leaderId;
    int leaderEpoch;
    /** Whether NOT_LEADER_OR_FOLLOWER answers for it name the current leader (KIP-951, Produce v10+). */
    boolean leaderHint;
    int batchesReceived;
    final List<LoggedRecord> log = new ArrayList<>();
    final ProducerStateTable producers = new ProducerStateTable();

    PartitionState(String topic, int partition, int leaderId) {
        this.topic = topic;
        this.partition = partition;
        this.leaderId = leaderId;
    }

    long nextOffset() {
        return log.size();
    }
}
