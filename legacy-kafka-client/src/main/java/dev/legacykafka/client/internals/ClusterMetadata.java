package dev.legacykafka.client.internals;

import dev.legacykafka.client.errors.AuthenticationException;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.client.errors.TimeoutException;
import dev.legacykafka.client.network.BrokerNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the producer knows of the cluster: brokers, and for each topic in use its partitions,
 * their leaders and its topic id. Written by the network thread from Metadata (and Produce v10+)
 * responses; read by sending threads, which wait here for topics they have not seen yet.
 */
public final class ClusterMetadata {

    /**
     * One partition's leader.
     *
     * @param leaderId    node id of the leader, -1 while there is none
     * @param leaderEpoch leader epoch (Metadata v7+), -1 when unknown
     */
    public record PartitionLeader(int leaderId, int leaderEpoch) {
    }

    /**
     * A topic as the last Metadata response described it.
     *
     * @param topicId    topic id (Metadata v10+), null when unknown
     * @param partitions leaders by partition index
     */
    public record TopicInfo(String name, UUID topicId, List<PartitionLeader> partitions) {

        public int partitionCount() {
            return partitions.size();
        }
    }

    private final Map<Integer, BrokerNode> nodes = new ConcurrentHashMap<>();
    private final Map<String, TopicInfo> topics = new ConcurrentHashMap<>();
    /** Topics whose metadata failed for good, with the cause sends of them get. */
    private final Map<String, LegacyKafkaException> topicFailures = new ConcurrentHashMap<>();
    /** The last authentication failure, until a connection authenticates again. */
    private volatile AuthenticationException authenticationFailure;
    /** Topics some send has asked about; each refresh asks for all of them. */
    private final Set<String> topicsInUse = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastTopicErrors = new ConcurrentHashMap<>();
    private final long maxAgeMs;
    private volatile boolean updateRequested = true;
    private volatile long lastRefreshMs = -1;
    private volatile int version;
    private volatile boolean closed;

    public ClusterMetadata(long maxAgeMs) {
        this.maxAgeMs = maxAgeMs;
    }

    /** The broker with this node id, or null. */
    public BrokerNode node(int nodeId) {
        return nodes.get(nodeId);
    }

    /** Every broker the last Metadata response listed. */
    public Collection<BrokerNode> nodes() {
        return nodes.values();
    }

    /** The topic's metadata, or null if not known yet. */
    public TopicInfo topic(String topic) {
        return topics.get(topic);
    }

    /** Topics to ask about in the next Metadata request. */
    public Set<String> topicsInUse() {
        return topicsInUse;
    }

    /** Asks the network thread for a Metadata refresh soon. */
    public void requestUpdate() {
        updateRequested = true;
    }

    /** Milliseconds until the next refresh is due (0 if now). */
    public long timeToNextUpdateMs(long nowMs) {
        if (updateRequested || lastRefreshMs < 0) {
            return 0;
        }
        return Math.max(0, lastRefreshMs + maxAgeMs - nowMs);
    }

    /** Increases with every update; lets waiters tell an update happened. */
    public int version() {
        return version;
    }

    /**
     * Waits until the topic's partitions are known, at most {@code maxBlockMs}.
     *
     * @throws TimeoutException if the topic did not appear in time, naming the last error the broker gave
     * @throws LegacyKafkaException if the broker said the topic cannot be used (invalid name, not authorized)
     */
    public TopicInfo awaitTopic(String topic, long maxBlockMs, Runnable wakeNetworkThread) throws InterruptedException {
        TopicInfo info = topics.get(topic);
        if (info != null && topicsInUse.contains(topic)) {
            return info;
        }
        if (topicsInUse.add(topic)) {
            requestUpdate();
            wakeNetworkThread.run();
        }
        long deadline = System.nanoTime() + maxBlockMs * 1_000_000L;
        synchronized (this) {
            while (true) {
                info = topics.get(topic);
                if (info != null) {
                    return info;
                }
                LegacyKafkaException failure = topicFailures.get(topic);
                if (failure != null) {
                    throw failure;
                }
                AuthenticationException refused = authenticationFailure;
                if (refused != null) {
                    throw new AuthenticationException(refused.getMessage() + "; the record to topic " + topic
                            + " was not sent", refused);
                }
                if (closed) {
                    throw new ProducerClosedException("The producer was closed while waiting for metadata of topic "
                            + topic + "; the record was not sent");
                }
                long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
                if (remainingMs <= 0) {
                    String lastError = lastTopicErrors.get(topic);
                    throw new TimeoutException("Topic " + topic + " not present in metadata after " + maxBlockMs
                            + " ms (max-block)" + (lastError == null ? "" : "; the broker last said " + lastError), true);
                }
                wait(remainingMs);
            }
        }
    }

    /**
     * Applies a Metadata response.
     *
     * @param brokers        every broker listed
     * @param updatedTopics  topics described without error
     * @param retriableTopicErrors topics with a transient error (e.g. LEADER_NOT_AVAILABLE), by error name
     * @param fatalTopicErrors topics that cannot be used, with the exception their sends get
     */
    public synchronized void update(Collection<BrokerNode> brokers, Collection<TopicInfo> updatedTopics,
                                    Map<String, String> retriableTopicErrors,
                                    Map<String, LegacyKafkaException> fatalTopicErrors, long nowMs) {
        Map<Integer, BrokerNode> newNodes = new HashMap<>();
        for (BrokerNode node : brokers) {
            newNodes.put(node.id(), node);
        }
        if (!newNodes.isEmpty()) {
            // No broker listed is never the truth (a broker with an empty cache answered): keep what we know.
            nodes.keySet().retainAll(newNodes.keySet());
            nodes.putAll(newNodes);
        }
        for (TopicInfo info : updatedTopics) {
            topics.put(info.name(), info);
            topicFailures.remove(info.name());
            lastTopicErrors.remove(info.name());
        }
        lastTopicErrors.putAll(retriableTopicErrors);
        topicFailures.putAll(fatalTopicErrors);
        for (String failed : fatalTopicErrors.keySet()) {
            topicsInUse.remove(failed);
        }
        updateRequested = !retriableTopicErrors.isEmpty();
        lastRefreshMs = nowMs;
        version++;
        notifyAll();
    }

    /** A broker refused the client's TLS handshake or SASL credentials: threads waiting for topics fail with it. */
    public synchronized void authenticationFailed(AuthenticationException failure) {
        authenticationFailure = failure;
        notifyAll();
    }

    /** A connection authenticated: waiting for metadata makes sense again. */
    public void authenticationSucceeded() {
        authenticationFailure = null;
    }

    /** A Metadata request failed; try again after the backoff. */
    public void updateFailed(long nowMs) {
        lastRefreshMs = nowMs;
    }

    /**
     * Moves a partition's leadership as a Produce v10+ response reported it (KIP-951), so the next
     * attempt goes straight to the new leader without waiting for a Metadata round trip.
     */
    public synchronized void updateLeader(TopicPartition tp, int leaderId, int leaderEpoch, BrokerNode leaderNode) {
        TopicInfo info = topics.get(tp.topic());
        if (info == null || tp.partition() >= info.partitionCount()) {
            return;
        }
        PartitionLeader current = info.partitions().get(tp.partition());
        if (leaderEpoch >= 0 && current.leaderEpoch() > leaderEpoch) {
            return;
        }
        if (leaderNode != null) {
            nodes.put(leaderNode.id(), leaderNode);
        }
        List<PartitionLeader> partitions = new java.util.ArrayList<>(info.partitions());
        partitions.set(tp.partition(), new PartitionLeader(leaderId, leaderEpoch));
        topics.put(tp.topic(), new TopicInfo(info.name(), info.topicId(), List.copyOf(partitions)));
        version++;
    }

    /** Closing: every thread waiting for a topic fails at once with a ProducerClosedException. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
