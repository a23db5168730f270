package dev.legacykafka.test.broker;

import dev.legacykafka.test.cluster.PartitionState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Partition leaders and ISRs of a cluster, asked over the wire from its running, unpaused brokers
 * on their INTERNAL listeners (never through a proxy), and waits for states to come about.
 */
final class ClusterMetadata {

    private static final long POLL_MILLIS = 100;

    private final List<ProcessClusterBroker> brokers;

    ClusterMetadata(List<ProcessClusterBroker> brokers) {
        this.brokers = List.copyOf(brokers);
    }

    /** The topic's partitions as the first answering broker other than {@code excludedId} knows them. */
    List<PartitionState> partitions(String topic, int excludedId) {
        List<String> errors = new ArrayList<>();
        for (ProcessClusterBroker broker : answering(b -> b.id() != excludedId)) {
            try {
                return partitionsFrom(broker, topic);
            } catch (IOException | RuntimeException e) {
                errors.add("broker " + broker.id() + ": " + e);
            }
        }
        throw new IllegalStateException("No broker answered Metadata for " + topic
                + (errors.isEmpty() ? " (none is running and unpaused)" : ": " + errors));
    }

    /** One partition, as {@link #partitions(String, int)} knows it. */
    PartitionState partition(String topic, int partition, int excludedId) {
        return partitions(topic, excludedId).stream().filter(p -> p.partition() == partition).findFirst()
                .orElseThrow(() -> new IllegalStateException("No partition " + topic + "-" + partition
                        + " in the metadata"));
    }

    /**
     * Waits until a broker other than {@code notBrokerId} names a leader other than it.
     *
     * @return the new leader's id
     */
    int awaitNewLeader(String topic, int partition, int notBrokerId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            try {
                PartitionState state = partition(topic, partition, notBrokerId);
                if (state.leader() >= 0 && state.leader() != notBrokerId) {
                    return state.leader();
                }
                last = state.toString();
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No leader other than broker " + notBrokerId + " for " + topic + "-"
                        + partition + " within " + timeout + "; last: " + last);
            }
            ZooKeeperServer.sleep(POLL_MILLIS);
        }
    }

    /**
     * Waits until every answering broker shows the topic with the given number of partitions, each
     * with a leader and every replica in sync (and, if {@code replicationFactor > 0}, that many replicas).
     *
     * @return null once they do, else a description of what was last seen
     */
    String awaitFullIsr(String topic, int partitions, int replicationFactor, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String problem = fullIsrProblem(topic, partitions, replicationFactor);
            if (problem == null) {
                return null;
            }
            if (System.nanoTime() > deadline) {
                return problem;
            }
            ZooKeeperServer.sleep(POLL_MILLIS);
        }
    }

    /**
     * Waits until every running broker lists all the given ids.
     *
     * @return null once they do, else what was last seen
     */
    String awaitRegistered(Set<Integer> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String problem = null;
            for (ProcessClusterBroker broker : answering(b -> true)) {
                try {
                    Set<Integer> listed = broker.probe().fetch(List.of()).brokers().stream()
                            .map(MetadataProbe.Node::id).collect(Collectors.toCollection(TreeSet::new));
                    if (!listed.containsAll(ids)) {
                        problem = "broker " + broker.id() + " lists " + listed;
                        break;
                    }
                } catch (IOException | RuntimeException e) {
                    problem = "broker " + broker.id() + ": " + e;
                    break;
                }
            }
            if (problem == null) {
                return null;
            }
            if (System.nanoTime() > deadline) {
                return problem;
            }
            ZooKeeperServer.sleep(POLL_MILLIS);
        }
    }

    private String fullIsrProblem(String topic, int partitions, int replicationFactor) {
        List<ProcessClusterBroker> asked = answering(b -> true);
        if (asked.isEmpty()) {
            return "no broker is running and unpaused";
        }
        for (ProcessClusterBroker broker : asked) {
            List<PartitionState> states;
            try {
                states = partitionsFrom(broker, topic);
            } catch (IOException | RuntimeException e) {
                return "broker " + broker.id() + ": " + e;
            }
            if (states.isEmpty() || (partitions > 0 && states.size() != partitions)) {
                return "broker " + broker.id() + " knows " + states.size() + " partitions of " + topic;
            }
            for (PartitionState state : states) {
                if (!state.hasFullIsr() || (replicationFactor > 0 && state.replicas().size() != replicationFactor)) {
                    return "broker " + broker.id() + " says " + state;
                }
            }
        }
        return null;
    }

    private static List<PartitionState> partitionsFrom(ProcessClusterBroker broker, String topic) throws IOException {
        MetadataProbe.Topic metadata = broker.probe().fetch(List.of(topic)).topics().get(topic);
        if (metadata == null || metadata.errorCode() != 0) {
            throw new IllegalStateException("topic " + topic + " unknown to broker " + broker.id()
                    + (metadata == null ? "" : " (error " + metadata.errorCode() + ")"));
        }
        return metadata.partitions().stream()
                .map(p -> new PartitionState(topic, p.id(), p.leader(), p.replicas(), p.isr()))
                .sorted(Comparator.comparingInt(PartitionState::partition))
                .collect(Collectors.toList());
    }

    private List<ProcessClusterBroker> answering(Predicate<ProcessClusterBroker> filter) {
        return brokers.stream().filter(ProcessClusterBroker::isAnswering).filter(filter).collect(Collectors.toList());
    }
}
