package dev.legacykafka.client.internals;

import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.errors.BrokerErrorException;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.UnsupportedVersionException;
import dev.legacykafka.client.network.BrokerNode;
import dev.legacykafka.client.network.NetworkClient;
import dev.legacykafka.client.network.ResponseHandler;
import dev.legacykafka.client.protocol.ApiKey;
import dev.legacykafka.client.protocol.ErrorCode;
import dev.legacykafka.client.protocol.Request;
import dev.legacykafka.client.protocol.ResponseFrame;
import dev.legacykafka.client.protocol.message.FindCoordinatorRequest;
import dev.legacykafka.client.protocol.message.FindCoordinatorResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The transactional producer's line to its coordinators: {@link CoordinatorStep}s queued by
 * application threads are sent one at a time, in order, by the network thread to the coordinator
 * of the transactional id (or of a consumer group), which is found with FindCoordinator and found
 * again when it moves. Retriable errors and lost connections send the step again after the
 * backoff, ahead of the steps queued behind it.
 */
final class CoordinatorChannel {

    private final ProducerConfig config;
    private final String transactionalId;
    private final BrokerVersionsRegistry brokerVersions;
    /** Told that a coordinator answered "fenced" (how); returns the exception the step fails with. */
    private final Function<String, LegacyKafkaException> fenced;
    /** Appended to by application threads and the network thread, always under its own lock. */
    private final ConcurrentLinkedQueue<CoordinatorStep> queued = new ConcurrentLinkedQueue<>();
    private final Map<String, BrokerNode> coordinators = new ConcurrentHashMap<>();
    private CoordinatorStep current;
    private boolean findingCoordinator;
    private NetworkClient network;
    private Runnable needConnection = () -> { };

    CoordinatorChannel(ProducerConfig config, BrokerVersionsRegistry brokerVersions,
                       Function<String, LegacyKafkaException> fenced) {
        this.config = config;
        this.transactionalId = config.transactionalId();
        this.brokerVersions = brokerVersions;
        this.fenced = fenced;
    }

    /**
     * @param needConnection asks for a connection to some broker (a Metadata refresh), for when a
     *                       coordinator must be found before any record was sent
     */
    void attach(NetworkClient networkClient, Runnable needConnection) {
        this.network = networkClient;
        this.needConnection = needConnection;
    }

    /** Queues a step behind those already queued. Any thread. */
    void enqueue(CoordinatorStep step) {
        synchronized (queued) {
            queued.add(step);
        }
    }

    /**
     * Queues the step the supplier makes, if it makes one, atomically with the supplier's decision:
     * a thread that changes what the supplier decides on and then calls {@link #enqueue} has its step
     * queued after this one or sees the supplier decide differently.
     */
    void enqueueIfMade(Supplier<CoordinatorStep> stepOrNull) {
        synchronized (queued) {
            CoordinatorStep step = stepOrNull.get();
            if (step != null) {
                queued.add(step);
            }
        }
    }

    /** Whether a step or a FindCoordinator is in flight. Network thread. */
    boolean busy() {
        return current != null || findingCoordinator;
    }

    /**
     * Sends the next queued step when nothing is in flight. Network thread.
     *
     * @return how long the network thread may sleep before this needs attention again
     */
    long maybeSend(long nowMs) {
        if (busy()) {
            return Long.MAX_VALUE;
        }
        CoordinatorStep next = queued.peek();
        if (next == null) {
            return Long.MAX_VALUE;
        }
        if (nowMs < next.notBeforeMs) {
            return next.notBeforeMs - nowMs;
        }
        String key = next.groupKey() == null ? transactionalId : next.groupKey();
        BrokerNode coordinator = coordinators.get(key);
        if (coordinator == null) {
            return findCoordinator(key, next.groupKey() == null ? FindCoordinatorRequest.KEY_TYPE_TRANSACTION
                    : FindCoordinatorRequest.KEY_TYPE_GROUP, next, nowMs);
        }
        if (!network.isReady(coordinator.id(), config.maxInFlightRequestsPerConnection(), nowMs)) {
            network.maybeConnect(coordinator, nowMs);
            return 50;
        }
        short version;
        try {
            version = next.version(brokerVersions.get(coordinator.id()));
        } catch (LegacyKafkaException e) {
            queued.poll();
            next.result.completeExceptionally(e);
            return 0;
        }
        queued.poll();
        current = next;
        Request request = next.request(version);
        network.send(coordinator.id(), next.api().id(), version, true,
                RequestEncoders.of(request, version, config.clientId()),
                new StepHandler(next, version, key), config.requestTimeoutMs(), nowMs);
        return Long.MAX_VALUE;
    }

    private final class StepHandler implements ResponseHandler {
        private final CoordinatorStep step;
        private final short version;
        private final String coordinatorKey;

        StepHandler(CoordinatorStep step, short version, String coordinatorKey) {
            this.step = step;
            this.version = version;
            this.coordinatorKey = coordinatorKey;
        }

        @Override
        public void onResponse(ByteBuffer payload, long nowMs) {
            current = null;
            ErrorCode error;
            try {
                error = step.handle(payload, version, ResponseFrame.peekCorrelationId(payload));
            } catch (LegacyKafkaException e) {
                step.result.completeExceptionally(e);
                throw e;
            }
            if (!error.isError()) {
                step.result.complete(null);
                return;
            }
            if (error.equals(ErrorCode.NOT_COORDINATOR) || error.equals(ErrorCode.COORDINATOR_NOT_AVAILABLE)) {
                coordinators.remove(coordinatorKey);
                retryLater(nowMs);
            } else if (error.retriable() || error.equals(ErrorCode.CONCURRENT_TRANSACTIONS)) {
                retryLater(nowMs);
            } else if (error.equals(ErrorCode.PRODUCER_FENCED) || error.equals(ErrorCode.INVALID_PRODUCER_EPOCH)
                    || error.equals(ErrorCode.TRANSACTION_COORDINATOR_FENCED)) {
                step.result.completeExceptionally(fenced.apply(error.name() + " from " + step.api().protocolName()));
            } else {
                step.result.completeExceptionally(new BrokerErrorException(error.code(), error.name(), false,
                        "(transaction " + transactionalId + ")", -1, step.api().protocolName() + " failed: "
                        + error.description()));
            }
        }

        private void retryLater(long nowMs) {
            step.notBeforeMs = nowMs + config.retryBackoffMs();
            // Keep order: a retried step goes back to the head of the queue, ahead of any step an
            // application thread queues meanwhile.
            synchronized (queued) {
                List<CoordinatorStep> rest = new ArrayList<>(queued);
                queued.clear();
                queued.add(step);
                queued.addAll(rest);
            }
        }

        @Override
        public void onFailure(LegacyKafkaException cause, long nowMs) {
            current = null;
            coordinators.remove(coordinatorKey);
            if (cause.isRetriable()) {
                retryLater(nowMs);
            } else {
                step.result.completeExceptionally(cause);
            }
        }
    }

    private long findCoordinator(String key, byte keyType, CoordinatorStep waiting, long nowMs) {
        BrokerNode any = null;
        for (var connection : network.connections()) {
            if (network.isReady(connection.node().id(), config.maxInFlightRequestsPerConnection(), nowMs)) {
                any = connection.node();
                break;
            }
        }
        if (any == null) {
            needConnection.run();
            return 50;
        }
        BrokerVersions versions = brokerVersions.get(any.id());
        int usable = versions == null ? -1 : versions.usable(ApiKey.FIND_COORDINATOR.id(), 1, ApiKey.FIND_COORDINATOR.maxVersion());
        if (usable < 1) {
            queued.remove(waiting);
            waiting.result.completeExceptionally(new UnsupportedVersionException("Transactions need Kafka 0.11+: broker "
                    + any.address() + " has no FindCoordinator for transactional ids"));
            return 0;
        }
        short version = (short) usable;
        FindCoordinatorRequest request = new FindCoordinatorRequest(keyType, List.of(key));
        findingCoordinator = true;
        network.send(any.id(), ApiKey.FIND_COORDINATOR.id(), version, true,
                RequestEncoders.of(request, version, config.clientId()),
                new ResponseHandler() {
                    @Override
                    public void onResponse(ByteBuffer payload, long now) {
                        findingCoordinator = false;
                        FindCoordinatorResponse response = CoordinatorStep.read(payload, ApiKey.FIND_COORDINATOR, version,
                                FindCoordinatorResponse::read);
                        FindCoordinatorResponse.Coordinator found = response.coordinators().get(0);
                        ErrorCode error = ErrorCode.forCode(found.errorCode());
                        if (error.isError()) {
                            waiting.notBeforeMs = now + config.retryBackoffMs();
                            if (!error.retriable()) {
                                queued.remove(waiting);
                                waiting.result.completeExceptionally(new BrokerErrorException(error.code(), error.name(),
                                        false, "(coordinator of " + key + ")", -1, found.errorMessage()));
                            }
                            return;
                        }
                        coordinators.put(key, new BrokerNode(found.nodeId(), found.host(), found.port()));
                    }

                    @Override
                    public void onFailure(LegacyKafkaException cause, long now) {
                        findingCoordinator = false;
                        waiting.notBeforeMs = now + config.retryBackoffMs();
                    }
                }, config.requestTimeoutMs(), nowMs);
        return Long.MAX_VALUE;
    }

    /** Fails every queued step; a step in flight completes with its own response. */
    void failQueued(LegacyKafkaException cause) {
        CoordinatorStep step;
        while ((step = queued.poll()) != null) {
            step.result.completeExceptionally(cause);
        }
    }

    /** Fails every step, queued or in flight (closing). */
    void failAll(LegacyKafkaException cause) {
        failQueued(cause);
        if (current != null) {
            current.result.completeExceptionally(cause);
            current = null;
        }
    }
}
