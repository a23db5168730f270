package dev.legacykafka.client.internals;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.client.errors.AuthenticationException;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.NetworkException;
import dev.legacykafka.client.errors.ProtocolException;
import dev.legacykafka.client.errors.TimeoutException;
import dev.legacykafka.client.errors.UnsupportedVersionException;
import dev.legacykafka.client.network.BrokerConnection;
import dev.legacykafka.client.network.BrokerNode;
import dev.legacykafka.client.network.ConnectionListener;
import dev.legacykafka.client.network.NetworkClient;
import dev.legacykafka.client.network.FrameEncoder;
import dev.legacykafka.client.network.ResponseHandler;
import dev.legacykafka.client.network.SkippedRequestException;
import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.ResponseFrame;
import dev.legacykafka.client.protocol.message.ApiVersionsRequest;
import dev.legacykafka.client.protocol.message.ApiVersionsResponse;
import dev.legacykafka.client.protocol.message.MetadataRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens every connection with ApiVersions and records what the broker speaks. A broker that
 * answers UNSUPPORTED_VERSION is asked again at the version it names (or v0). A broker is taken for
 * a 0.8/0.9 broker only on proof: 0.8 drops the connection on ApiVersions; 0.9 ignores it, so when
 * a first ApiVersions stays unanswered for a moment a Metadata v0 request follows on the same
 * connection, and an answer to that one first proves the broker skipped ApiVersions. A broker that
 * is merely slow answers neither, or both in order, and is asked again later. Later connections to
 * an old broker skip the request and assume {@code broker-version-fallback}. With SASL configured, the connection then
 * authenticates ({@link SaslAuthenticator}) before it is ready; a refused TLS handshake or SASL
 * exchange is reported once per attempt to the producer, which fails its pending sends.
 */
final class BrokerHandshake implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(BrokerHandshake.class);

    /** We open with v3: flexible, and answered directly by every broker since 2.4. */
    private static final short FIRST_API_VERSIONS_VERSION = 3;
    /**
     * 0.9 brokers neither answer ApiVersions nor close the connection; waiting a full request
     * timeout for them would stall the first send, so ApiVersions gets a bound of its own.
     */
    private static final int API_VERSIONS_TIMEOUT_MS = 5_000;
    /** How long a first ApiVersions may go unanswered before a Metadata v0 asks whether the broker skipped it. */
    private static final int SKIP_CHECK_AFTER_MS = 1_000;
    private static final String SOFTWARE_NAME = "legacy-kafka";
    private static final String SOFTWARE_VERSION = softwareVersion();

    private final ProducerConfig config;
    private final BrokerVersionsRegistry registry;
    private final ProduceVersionPolicy versionPolicy;
    private final ProducerListener listener;
    private final ClusterMetadata metadata;
    private final int fallbackProduceVersion;
    private final Map<String, Integer> produceVersionByBroker = new ConcurrentHashMap<>();
    private final Map<String, String> problemByBroker = new ConcurrentHashMap<>();
    private final Map<String, Boolean> logged = new HashMap<>();
    /** The refusal of each broker whose last attempt was refused, until one authenticates; read by probes too. */
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Consumer<AuthenticationException> authenticationFailures;
    private AuthenticationException lastReported;
    private NetworkClient network;
    /** First ApiVersions requests to brokers that may be 0.9, until answered or checked: sent at, by connection. */
    private final Map<BrokerConnection, Long> unansweredFirstApiVersions = new HashMap<>();

    BrokerHandshake(ProducerConfig config, BrokerVersionsRegistry registry, ProduceVersionPolicy versionPolicy,
                    ProducerListener listener, ClusterMetadata metadata,
                    Consumer<AuthenticationException> authenticationFailures) {
        this.authenticationFailures = authenticationFailures;
        this.config = config;
        this.registry = registry;
        this.versionPolicy = versionPolicy;
        this.listener = listener;
        this.metadata = metadata;
        this.fallbackProduceVersion = ProducerConfig.fallbackProduceVersion(config.brokerVersionFallback());
    }

    void attach(NetworkClient networkClient) {
        this.network = networkClient;
    }

    /** Produce version per broker ({@code host:port}) for brokers that finished a handshake. */
    Map<String, Integer> produceVersions() {
        return Map.copyOf(produceVersionByBroker);
    }

    /** Whether the last attempt with a broker ended in a refused TLS handshake or SASL exchange. */
    boolean authenticationFailed(String address) {
        return refusals.containsKey(address);
    }

    /** Why the last handshake with a broker failed, or null. */
    String problem(String address) {
        return problemByBroker.get(address);
    }

    @Override
    public void onConnected(BrokerConnection connection, long nowMs) {
        BrokerNode node = connection.node();
        if (registry.isWithoutApiVersions(node.address())) {
            authenticateThenComplete(connection, BrokerVersions.fallback(node.address(), fallbackProduceVersion), nowMs);
            return;
        }
        sendApiVersions(connection, FIRST_API_VERSIONS_VERSION, nowMs);
    }

    private void sendApiVersions(BrokerConnection connection, short version, long nowMs) {
        ApiVersionsRequest request = new ApiVersionsRequest(SOFTWARE_NAME, SOFTWARE_VERSION);
        FrameEncoder encoder = RequestEncoders.of(request, version, config.clientId());
        ApiVersionsHandler handler = new ApiVersionsHandler(connection, version);
        if (couldBeOldBroker(connection.node().address())) {
            network.sendSkippableHandshake(connection, ApiKey.API_VERSIONS.id(), version, encoder, handler,
                    apiVersionsTimeoutMs(), nowMs);
            unansweredFirstApiVersions.put(connection, nowMs);
        } else {
            network.sendHandshake(connection, ApiKey.API_VERSIONS.id(), version, encoder, handler, apiVersionsTimeoutMs(),
                    nowMs);
        }
    }

    private int apiVersionsTimeoutMs() {
        return Math.min(config.requestTimeoutMs(), API_VERSIONS_TIMEOUT_MS);
    }

    /** Kafka 0.8 has neither TLS nor SASL, and 0.9 no SASL but GSSAPI; a broker that answered once is no old one. */
    private boolean couldBeOldBroker(String address) {
        return config.sasl() == null && !registry.hasAnsweredApiVersions(address);
    }

    /**
     * Network thread: follows each first ApiVersions that has gone unanswered for a moment with a
     * Metadata v0 request, which a 0.9 broker answers although it skipped ApiVersions.
     *
     * @return how long the thread may sleep before this needs attention again
     */
    long maybeCheckForSkippedApiVersions(long nowMs) {
        if (unansweredFirstApiVersions.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long checkAfterMs = Math.min(SKIP_CHECK_AFTER_MS, apiVersionsTimeoutMs() / 2);
        long sleep = Long.MAX_VALUE;
        for (Map.Entry<BrokerConnection, Long> entry : new ArrayList<>(unansweredFirstApiVersions.entrySet())) {
            BrokerConnection connection = entry.getKey();
            long dueMs = entry.getValue() + checkAfterMs;
            if (connection.state() != BrokerConnection.State.HANDSHAKE) {
                unansweredFirstApiVersions.remove(connection);
            } else if (dueMs <= nowMs) {
                unansweredFirstApiVersions.remove(connection);
                log.debug("Broker {} has not answered ApiVersions for {} ms; asking for Metadata v0 to see whether it "
                        + "skipped it (Kafka 0.9)", connection.node().address(), nowMs - entry.getValue());
                network.sendHandshake(connection, ApiKey.METADATA.id(), (short) 0,
                        RequestEncoders.of(MetadataRequest.allTopics(), (short) 0, config.clientId()), IGNORED,
                        apiVersionsTimeoutMs(), nowMs);
            } else {
                sleep = Math.min(sleep, dueMs - nowMs);
            }
        }
        return sleep;
    }

    /** The answer to the Metadata v0 check matters only as proof that ApiVersions was skipped. */
    private static final ResponseHandler IGNORED = new ResponseHandler() {
        @Override
        public void onResponse(ByteBuffer response, long nowMs) {
        }

        @Override
        public void onFailure(LegacyKafkaException cause, long nowMs) {
        }
    };

    private final class ApiVersionsHandler implements ResponseHandler {
        private final BrokerConnection connection;
        private final short version;

        ApiVersionsHandler(BrokerConnection connection, short version) {
            this.connection = connection;
            this.version = version;
        }

        @Override
        public void onResponse(ByteBuffer payload, long nowMs) {
            unansweredFirstApiVersions.remove(connection);
            // Any answer, even an error, shows the broker speaks ApiVersions.
            registry.markAnsweredApiVersions(connection.node().address());
            ApiVersionsResponse response = ResponseFrame.read(payload, ApiKey.API_VERSIONS, version,
                    ResponseFrame.peekCorrelationId(payload), ApiVersionsResponse::readWithFallback);
            ErrorCode error = response.error();
            if (error.equals(ErrorCode.UNSUPPORTED_VERSION) && version > 0) {
                short retry = (short) Math.min(response.retryVersion(), version - 1);
                log.debug("Broker {} does not know ApiVersions v{}; asking with v{}", connection.node(), version, retry);
                sendApiVersions(connection, retry, nowMs);
                return;
            }
            if (error.isError()) {
                network.disconnect(connection.node().id(), new ProtocolException("Broker " + connection.node()
                        + " answered ApiVersions v" + version + " with " + error.name()), nowMs);
                return;
            }
            registry.markAnsweredApiVersions(connection.node().address());
            Map<Integer, int[]> ranges = new HashMap<>();
            for (ApiVersionsResponse.ApiVersion api : response.apiKeys()) {
                ranges.put((int) api.apiKey(), new int[] {api.minVersion(), api.maxVersion()});
            }
            int transactionVersion = response.finalizedFeature("transaction.version")
                    .map(f -> (int) f.maxVersionLevel()).orElse(0);
            authenticateThenComplete(connection, new BrokerVersions(connection.node().address(), ranges, false,
                    transactionVersion), nowMs);
        }

        @Override
        public void onFailure(LegacyKafkaException cause, long nowMs) {
            unansweredFirstApiVersions.remove(connection);
            String address = connection.node().address();
            boolean dropped = cause instanceof NetworkException && cause.getMessage().contains("closed the connection");
            if (cause instanceof SkippedRequestException) {
                registry.markWithoutApiVersions(address);
                log.info("Broker {} skipped ApiVersions and answered Metadata v0: treating it as a Kafka 0.9 broker "
                        + "(broker-version-fallback {}, Produce v{})", address, config.brokerVersionFallback(),
                        fallbackProduceVersion);
                authenticateThenComplete(connection, BrokerVersions.fallback(address, fallbackProduceVersion), nowMs);
            } else if (dropped && !config.securityProtocol().usesTls() && couldBeOldBroker(address)) {
                // Kafka 0.8 closes the connection on any request it does not know.
                registry.markWithoutApiVersions(address);
                log.info("Broker {} closed the connection on ApiVersions: treating it as a Kafka 0.8 broker "
                        + "(broker-version-fallback {}, Produce v{})", address, config.brokerVersionFallback(),
                        fallbackProduceVersion);
            } else if (dropped && config.securityProtocol().usesTls()) {
                problemByBroker.put(address, cause.getMessage()
                        + " after the TLS handshake; does the broker require a client certificate (ssl.client.auth)?");
            } else if (cause instanceof TimeoutException) {
                // Silence alone proves nothing: a starting or paused broker is silent too. Ask again later.
                problemByBroker.put(address, "Broker " + address + " did not answer ApiVersions within "
                        + apiVersionsTimeoutMs() + " ms" + (couldBeOldBroker(address) ? ", nor Metadata v0" : ""));
            } else {
                problemByBroker.put(address, cause.getMessage());
            }
        }
    }

    private void authenticateThenComplete(BrokerConnection connection, BrokerVersions versions, long nowMs) {
        if (config.sasl() == null) {
            complete(connection, versions);
            return;
        }
        new SaslAuthenticator(config, network, connection, versions, (sessionLifetimeMs, now) -> {
            network.limitSession(connection, sessionLifetimeMs, now);
            complete(connection, versions);
        }, failure -> onAuthenticationFailure(connection.node(), failure, nowMs)).start(nowMs);
    }

    private void onAuthenticationFailure(BrokerNode node, AuthenticationException failure, long nowMs) {
        if (failure == lastReported) {
            return; // the same failure again, now as the cause of the disconnect
        }
        lastReported = failure;
        problemByBroker.put(node.address(), failure.getMessage());
        // Every retry fails the same way; say it once per broker until the reason changes.
        if (!failure.getMessage().equals(refusals.put(node.address(), failure.getMessage()))) {
            log.warn("{}", failure.getMessage());
        } else {
            log.debug("{}", failure.getMessage());
        }
        network.backOffAfterAuthenticationFailure(node.id(), nowMs);
        authenticationFailures.accept(failure);
    }

    private void complete(BrokerConnection connection, BrokerVersions versions) {
        BrokerNode node = connection.node();
        metadata.authenticationSucceeded();
        refusals.remove(node.address());
        registry.put(node.id(), versions);
        problemByBroker.remove(node.address());
        try {
            int produceVersion = versionPolicy.select(versions);
            byte magic = ProduceVersionPolicy.magicFor(produceVersion);
            Integer previous = produceVersionByBroker.put(node.address(), produceVersion);
            if (previous == null || previous != produceVersion) {
                log.info("Broker {}: Produce v{} with {} (broker supports Produce v{} to v{}{})", node.address(),
                        produceVersion, ProduceVersionPolicy.formatName(magic), versions.min(0), versions.max(0),
                        versions.fromFallback() ? ", assumed from broker-version-fallback" : "");
                try {
                    listener.onProduceVersionSelected(node.address(), produceVersion, magic);
                } catch (RuntimeException e) {
                    log.warn("ProducerListener threw; ignored", e);
                }
            }
        } catch (UnsupportedVersionException e) {
            problemByBroker.put(node.address(), e.getMessage());
            if (logged.put(node.address(), Boolean.TRUE) == null) {
                log.warn("{}", e.getMessage());
            }
        }
        network.markReady(connection);
        // A new connection may be the leader some queued batches waited for.
        if (node.id() >= 0 && metadata.node(node.id()) == null) {
            metadata.requestUpdate();
        }
    }

    @Override
    public void onDisconnected(BrokerNode node, LegacyKafkaException cause, long nowMs) {
        if (cause instanceof AuthenticationException failure) {
            onAuthenticationFailure(node, failure, nowMs);
        }
        if (registry.get(node.id()) == null && !registry.isWithoutApiVersions(node.address())) {
            problemByBroker.putIfAbsent(node.address(), cause.getMessage());
        }
        if (node.id() >= 0) {
            // Leadership may have moved with the broker gone; find out before the next attempt.
            metadata.requestUpdate();
        }
    }

    private static String softwareVersion() {
        String version = BrokerHandshake.class.getPackage().getImplementationVersion();
        // ApiVersions v3 only accepts [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?
        return version == null ? "dev" : version.replaceAll("[^a-zA-Z0-9.\\-]", "-").replaceAll("^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$", "");
    }
}
