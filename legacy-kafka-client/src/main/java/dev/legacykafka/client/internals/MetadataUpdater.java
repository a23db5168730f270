package dev.legacykafka.client.internals;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.errors.BrokerErrorException;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.network.BrokerConnection;
import dev.legacykafka.client.network.BrokerNode;
import dev.legacykafka.client.network.NetworkClient;
import dev.legacykafka.client.network.ResponseHandler;
import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.ResponseFrame;
import dev.legacykafka.client.protocol.message.BrokerEndpoint;
import dev.legacykafka.client.protocol.message.MetadataRequest;
import dev.legacykafka.client.protocol.message.MetadataResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link ClusterMetadata} fresh: one Metadata request at a time, to a ready broker, at the
 * highest version both sides speak, for the topics in use; on the bootstrap brokers until the
 * cluster's own brokers are known.
 */
final class MetadataUpdater {

    private static final Logger log = LoggerFactory.getLogger(MetadataUpdater.class);
    private static final int METADATA_MAX_VERSION = 13;

    private final ProducerConfig config;
    private final ClusterMetadata metadata;
    private final BrokerVersionsRegistry brokerVersions;
    private final NetworkClient network;
    private final List<BrokerNode> bootstrapNodes = new ArrayList<>();
    private boolean inFlight;
    private long retryNotBeforeMs;
    /** Answers in a row that left a topic in use without metadata or a partition without a leader. */
    private int incompleteAnswers;
    /** The node whose last answer listed no brokers (an empty metadata cache): asked last. */
    private int emptyCacheNodeId = Integer.MIN_VALUE;
    private int candidateIndex;
    private volatile boolean brokerListWanted;

    MetadataUpdater(ProducerConfig config, ClusterMetadata metadata, BrokerVersionsRegistry brokerVersions,
                    NetworkClient network) {
        this.config = config;
        this.metadata = metadata;
        this.brokerVersions = brokerVersions;
        this.network = network;
        int id = -1;
        for (String server : config.bootstrapServers()) {
            String[] hostPort = ProducerConfig.parseHostPort(server);
            bootstrapNodes.add(new BrokerNode(id--, hostPort[0], Integer.parseInt(hostPort[1])));
        }
    }

    /** The configured bootstrap brokers. */
    List<BrokerNode> bootstrapNodes() {
        return bootstrapNodes;
    }

    /** Asks for a refresh even with no topic in use, to learn the brokers (startup probe). */
    void requestBrokerList() {
        brokerListWanted = true;
        metadata.requestUpdate();
    }

    /**
     * Sends a Metadata request if one is due and possible.
     *
     * @return how long the network thread may sleep before this needs attention again
     */
    long maybeUpdate(long nowMs) {
        if (inFlight || (metadata.topicsInUse().isEmpty() && !brokerListWanted)) {
            return Long.MAX_VALUE;
        }
        long due = metadata.timeToNextUpdateMs(nowMs);
        if (due > 0) {
            return due;
        }
        if (nowMs < retryNotBeforeMs) {
            return retryNotBeforeMs - nowMs;
        }
        BrokerConnection ready = readyConnection();
        if (ready == null) {
            return connectToACandidate(nowMs);
        }
        send(ready.node(), nowMs);
        return Long.MAX_VALUE;
    }

    private BrokerConnection readyConnection() {
        BrokerConnection best = null;
        for (BrokerConnection connection : network.connections()) {
            if (connection.state() == BrokerConnection.State.READY && connection.throttledUntilMs() <= NetworkClient.nowMs()
                    && (best == null || preferred(connection, best))) {
                best = connection;
            }
        }
        return best;
    }

    private boolean preferred(BrokerConnection candidate, BrokerConnection best) {
        boolean candidateEmpty = candidate.node().id() == emptyCacheNodeId;
        if (candidateEmpty != (best.node().id() == emptyCacheNodeId)) {
            return !candidateEmpty;
        }
        return candidate.inFlightCount() < best.inFlightCount();
    }

    private long connectToACandidate(long nowMs) {
        List<BrokerNode> candidates = new ArrayList<>(metadata.nodes());
        candidates.addAll(bootstrapNodes);
        for (BrokerNode candidate : candidates) {
            if (network.connection(candidate.id()) != null) {
                return 100; // a connection is on its way; its handshake will wake the thread
            }
        }
        long shortestBackoff = Long.MAX_VALUE;
        for (int i = 0; i < candidates.size(); i++) {
            BrokerNode candidate = candidates.get(Math.floorMod(candidateIndex + i, candidates.size()));
            long delay = network.reconnectDelayMs(candidate.id(), nowMs);
            if (delay == 0) {
                candidateIndex = Math.floorMod(candidateIndex + i + 1, candidates.size());
                if (network.maybeConnect(candidate, nowMs)) {
                    return 100;
                }
            } else {
                shortestBackoff = Math.min(shortestBackoff, delay);
            }
        }
        return shortestBackoff == Long.MAX_VALUE ? config.retryBackoffMs() : Math.max(1, shortestBackoff);
    }

    private void send(BrokerNode node, long nowMs) {
        BrokerVersions versions = brokerVersions.get(node.id());
        int usable = versions == null ? 0 : versions.usable(ApiKey.METADATA.id(), 0, METADATA_MAX_VERSION);
        short version = (short) Math.max(0, usable);
        List<String> topics = new ArrayList<>(new LinkedHashSet<>(metadata.topicsInUse()));
        // v0 cannot ask for no topic (an empty list means all); ask for all rather than fail.
        MetadataRequest request = topics.isEmpty() && version == 0 ? MetadataRequest.allTopics() : MetadataRequest.forTopics(topics);
        inFlight = true;
        network.send(node.id(), ApiKey.METADATA.id(), version, true,
                RequestEncoders.of(request, version, config.clientId()),
                new Handler(node, version, Set.copyOf(topics)), config.requestTimeoutMs(), nowMs);
    }

    private final class Handler implements ResponseHandler {
        private final BrokerNode node;
        private final short version;
        private final Set<String> requested;

        Handler(BrokerNode node, short version, Set<String> requested) {
            this.node = node;
            this.version = version;
            this.requested = requested;
        }

        @Override
        public void onResponse(ByteBuffer payload, long nowMs) {
            inFlight = false;
            MetadataResponse response = ResponseFrame.read(payload, ApiKey.METADATA, version,
                    ResponseFrame.peekCorrelationId(payload), MetadataResponse::read);
            apply(node, response, requested, nowMs);
        }

        @Override
        public void onFailure(LegacyKafkaException cause, long nowMs) {
            inFlight = false;
            retryNotBeforeMs = nowMs + config.retryBackoffMs();
            metadata.updateFailed(nowMs);
            metadata.requestUpdate();
            log.debug("Metadata request to {} failed: {}", node, cause.getMessage());
        }
    }

    private void apply(BrokerNode from, MetadataResponse response, Set<String> requested, long nowMs) {
        List<BrokerNode> brokers = new ArrayList<>();
        for (BrokerEndpoint broker : response.brokers()) {
            brokers.add(new BrokerNode(broker.nodeId(), broker.host(), broker.port()));
        }
        // A cluster always has a broker; a list without one comes from a broker that has not learned
        // the cluster yet (restarting, empty cache), and its topic errors say nothing about the topics.
        boolean emptyCache = brokers.isEmpty();
        emptyCacheNodeId = emptyCache ? from.id() : Integer.MIN_VALUE;
        List<ClusterMetadata.TopicInfo> topics = new ArrayList<>();
        Map<String, String> retriable = new HashMap<>();
        Map<String, LegacyKafkaException> fatal = new HashMap<>();
        boolean leaderless = false;
        for (MetadataResponse.TopicMetadata topic : response.topics()) {
            if (topic.name() == null || !requested.contains(topic.name())) {
                continue;
            }
            ErrorCode error = topic.error();
            if (!error.isError() && !topic.partitions().isEmpty()) {
                ClusterMetadata.TopicInfo info = toTopicInfo(topic);
                leaderless |= info.partitions().stream().anyMatch(p -> p.leaderId() < 0);
                topics.add(info);
            } else if (!error.isError() || emptyCache || !isFatal(error)) {
                retriable.put(topic.name(), error.isError() ? error.name() + (emptyCache ? " from " + from.address()
                        + ", which listed no brokers (still starting?)" : "") : "no partitions yet");
            } else {
                fatal.put(topic.name(), new BrokerErrorException(error.code(), error.name(), false, topic.name(), -1,
                        "topic " + topic.name() + " cannot be used: " + error.description()));
            }
        }
        brokerListWanted = brokerListWanted && emptyCache;
        metadata.update(brokers, topics, retriable, fatal, nowMs);
        if (emptyCache || leaderless || !retriable.isEmpty()) {
            // Leaders are being elected or the cluster is still coming up: ask again, but not back to back.
            incompleteAnswers++;
            retryNotBeforeMs = nowMs + backoffMs(incompleteAnswers);
            metadata.requestUpdate();
            log.debug("Metadata from {} incomplete ({}{}{}); asking again in {} ms", from.address(),
                    emptyCache ? "no brokers listed " : "", leaderless ? "partitions without a leader " : "", retriable,
                    retryNotBeforeMs - nowMs);
        } else {
            incompleteAnswers = 0;
        }
    }

    /**
     * Topic errors that no wait can cure: the name is invalid, or the client may not see the topic.
     * Anything else (INVALID_REPLICATION_FACTOR while brokers are down, LEADER_NOT_AVAILABLE, ...) is
     * asked about again until max-block or delivery-timeout ends the wait, as kafka-clients does.
     */
    private static boolean isFatal(ErrorCode error) {
        return error.equals(ErrorCode.INVALID_TOPIC_EXCEPTION) || error.equals(ErrorCode.TOPIC_AUTHORIZATION_FAILED);
    }

    private long backoffMs(int attempt) {
        long backoff = config.retryBackoffMs() << Math.min(20, Math.max(0, attempt - 1));
        return Math.max(1, Math.min(config.retryBackoffMaxMs(), backoff));
    }

    private static ClusterMetadata.TopicInfo toTopicInfo(MetadataResponse.TopicMetadata topic) {
        int count = 0;
        for (MetadataResponse.PartitionMetadata partition : topic.partitions()) {
            count = Math.max(count, partition.partitionIndex() + 1);
        }
        ClusterMetadata.PartitionLeader[] leaders = new ClusterMetadata.PartitionLeader[count];
        Arrays.fill(leaders, new ClusterMetadata.PartitionLeader(-1, -1));
        for (MetadataResponse.PartitionMetadata partition : topic.partitions()) {
            leaders[partition.partitionIndex()] = new ClusterMetadata.PartitionLeader(partition.leaderId(), partition.leaderEpoch());
        }
        java.util.UUID id = topic.topicId();
        if (id != null && id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0) {
            id = null;
        }
        return new ClusterMetadata.TopicInfo(topic.name(), id, List.of(leaders));
    }
}
