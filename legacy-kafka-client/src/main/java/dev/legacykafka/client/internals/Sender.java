package dev.legacykafka.client.internals;

import dev.legacykafka.client.BrokerStatus;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.client.errors.AuthenticationException;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.TransactionStateException;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.client.errors.TimeoutException;
import dev.legacykafka.client.network.BrokerNode;
import dev.legacykafka.client.network.NetworkClient;
import dev.legacykafka.client.network.NetworkSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's network thread: keeps metadata fresh, opens connections to partition leaders,
 * drains ready batches into Produce requests, and expires what outlived the delivery timeout.
 * Everything here runs on that one thread; other threads only call {@link #wakeup},
 * {@link #initiateClose}, {@link #produceVersions} and {@link #probeBrokers}.
 */
final class Sender implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Sender.class);

    private final ProducerConfig config;
    private final ClusterMetadata metadata;
    private final RecordAccumulator accumulator;
    private final NetworkClient network;
    private final BrokerHandshake handshake;
    private final MetadataUpdater metadataUpdater;
    private final ProduceDispatcher dispatcher;
    private final BrokerProbe probe;
    private final IdempotenceManager idempotence;
    /** Null for a producer without transactional id. */
    private final TransactionManager transactions;
    private final BrokerVersionsRegistry brokerVersions;
    private final ProduceVersionPolicy versionPolicy;

    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private volatile long closeDeadlineMs = Long.MAX_VALUE;
    private volatile boolean forceClose;
    /** Set once the thread has run its last task: later tasks are refused, never left waiting. */
    private volatile boolean stopped;

    Sender(ProducerConfig config, ProducerListener listener, ClusterMetadata metadata, BrokerVersionsRegistry brokerVersions,
           RecordAccumulator accumulator, ProduceVersionPolicy versionPolicy) {
        this.config = config;
        this.metadata = metadata;
        this.accumulator = accumulator;
        NetworkSettings settings = new NetworkSettings(config.connectTimeoutMs(), 50, 1_000, 128 * 1024, 64 * 1024,
                100 * 1024 * 1024);
        this.handshake = new BrokerHandshake(config, brokerVersions, versionPolicy, listener, metadata,
                this::onAuthenticationFailure);
        this.network = new NetworkClient(settings, ConnectionSecurity.transports(config), handshake);
        this.handshake.attach(network);
        this.metadataUpdater = new MetadataUpdater(config, metadata, brokerVersions, network);
        this.idempotence = new IdempotenceManager(config);
        this.transactions = config.transactionalId() == null ? null
                : new TransactionManager(config, idempotence, brokerVersions);
        if (transactions != null) {
            transactions.attach(network, metadataUpdater::requestBrokerList);
        }
        this.brokerVersions = brokerVersions;
        this.versionPolicy = versionPolicy;
        this.dispatcher = new ProduceDispatcher(config, listener, metadata, brokerVersions, accumulator, versionPolicy, network,
                idempotence, transactions);
        this.probe = new BrokerProbe(metadata, brokerVersions, versionPolicy, network, handshake, metadataUpdater);
    }

    void wakeup() {
        network.wakeup();
    }

    /** The transaction manager, or null for a producer without transactional id. */
    TransactionManager transactions() {
        return transactions;
    }

    Map<String, Integer> produceVersions() {
        return handshake.produceVersions();
    }

    List<BrokerStatus> probeBrokers(long timeoutMs) {
        return probe.run(timeoutMs, this::wakeup);
    }

    /** Asks the thread to finish: send what it can until {@code deadlineMs}, then fail the rest and stop. */
    void initiateClose(long deadlineMs) {
        closeDeadlineMs = deadlineMs;
        running = false;
        wakeup();
    }

    /** Stops at once, failing everything still pending. */
    void forceClose() {
        forceClose = true;
        running = false;
        wakeup();
    }

    @Override
    public void run() {
        Runnable task;
        log.debug("Network thread started");
        while (running) {
            runOnceSafely();
        }
        // Closing: keep sending until everything completed or the close deadline passes.
        while (!forceClose && accumulator.hasIncomplete() && NetworkClient.nowMs() < closeDeadlineMs) {
            runOnceSafely();
        }
        dispatcher.runDeferredCompletions();
        ProducerClosedException cause = new ProducerClosedException("Producer " + config.clientId()
                + " was closed before the record was acknowledged");
        dispatcher.failAll(cause);
        network.closeAll(cause);
        for (ProducerBatch batch : accumulator.drainAllQueued()) {
            dispatcher.fail(batch, cause);
        }
        probe.failPending(cause);
        stopped = true;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        if (transactions != null) {
            transactions.failPending(cause);
        }
        dispatcher.runDeferredCompletions();
        network.close();
        log.debug("Network thread stopped");
    }

    private void runOnceSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // A bug must not kill the thread that completes every future; log it and go on.
            log.error("Unexpected error in the producer network thread", e);
        }
    }

    /**
     * Runs {@code task} on the network thread and waits for it.
     *
     * @throws ProducerClosedException if the network thread has stopped (then the task does not run)
     */
    void runOnNetworkThread(Runnable task) {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        Runnable wrapped = () -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        };
        tasks.add(wrapped);
        if (stopped && tasks.remove(wrapped)) {
            // The thread ran its last task before this one arrived: nobody else will.
            throw new ProducerClosedException("Producer " + config.clientId() + " is closed");
        }
        wakeup();
        try {
            done.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * How many batches of one partition may travel at once to a leader: several only with producer
     * ids and sequences, and only to brokers 1.0+ (Produce v4+), which remember the last five
     * batches per producer; a 0.11 broker remembers one, so a retry behind a written batch would
     * look out of order to it. And one until the partition's first batch of this producer id and
     * epoch is acknowledged: a broker that has no state for the producer on a partition takes any
     * sequence, so were the first batch refused, the one behind it would be written first.
     */
    private int pipelineLimit(TopicPartition tp, int leader) {
        if (!idempotence.isActive() || idempotence.sequences().lastAcknowledged(tp) < 0) {
            return 1;
        }
        BrokerVersions versions = brokerVersions.get(leader);
        return versions != null && versions.max(0) >= 4 ? config.maxInFlightRequestsPerConnection() : 1;
    }

    /**
     * A broker refused our certificate check or credentials: every record waiting to be sent, every
     * send waiting for metadata and every transaction step waiting for a coordinator fails with the
     * reason now rather than at its delivery timeout or max-block.
     */
    private void onAuthenticationFailure(AuthenticationException failure) {
        metadata.authenticationFailed(failure);
        for (ProducerBatch batch : accumulator.drainAllQueued()) {
            dispatcher.fail(batch, failure);
        }
        if (transactions != null) {
            transactions.authenticationFailed(failure);
        }
    }

    /**
     * Fails every queued batch (aborting a transaction). A batch waiting for another attempt after an
     * unanswered one may be in the log already: it fails with a cause that says so, since "not sent"
     * would be untrue; read_committed consumers never see an aborted transaction's records either way.
     */
    void failQueued(LegacyKafkaException cause) {
        runOnNetworkThread(() -> failQueuedBatches(cause));
    }

    private void failQueuedBatches(LegacyKafkaException cause) {
        for (ProducerBatch batch : accumulator.drainAllQueued()) {
            dispatcher.fail(batch, batch.mayHaveBeenWritten() ? new TransactionStateException("The transaction was "
                    + "aborted, or can only be aborted, while this record waited for another attempt; it may have been "
                    + "written, as part of that transaction" + dispatcher.lastErrorSuffix(batch), cause) : cause);
        }
    }

    private void runOnce() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        long nowMs = NetworkClient.nowMs();
        long pollTimeoutMs = metadataUpdater.maybeUpdate(nowMs);
        pollTimeoutMs = Math.min(pollTimeoutMs, probe.maybeConnect(nowMs));
        pollTimeoutMs = Math.min(pollTimeoutMs, handshake.maybeCheckForSkippedApiVersions(nowMs));
        pollTimeoutMs = Math.min(pollTimeoutMs, idempotence.maybeInitialize(network, brokerVersions, versionPolicy,
                dispatcher.inFlightCount(), nowMs));

        if (transactions != null) {
            pollTimeoutMs = Math.min(pollTimeoutMs, transactions.maybeSend(nowMs));
            LegacyKafkaException doomed = transactions.failureForQueuedRecords();
            if (doomed != null) {
                failQueuedBatches(doomed);
            }
        }
        RecordAccumulator.SendGate sendAllowed = (tp, first) -> idempotence.maySend(tp, first)
                && (transactions == null || transactions.canSend(tp));
        RecordAccumulator.ReadyCheck ready = accumulator.ready(metadata, this::pipelineLimit, sendAllowed, nowMs);
        if (ready.unknownLeaders()) {
            metadata.requestUpdate();
        }
        pollTimeoutMs = Math.min(pollTimeoutMs, ready.nextCheckDelayMs());
        Set<Integer> sendable = new HashSet<>();
        for (int nodeId : ready.readyNodes()) {
            BrokerNode node = metadata.node(nodeId);
            if (node == null) {
                metadata.requestUpdate();
                continue;
            }
            if (network.isReady(nodeId, config.maxInFlightRequestsPerConnection(), nowMs)) {
                sendable.add(nodeId);
            } else if (!network.maybeConnect(node, nowMs)) {
                pollTimeoutMs = Math.min(pollTimeoutMs, Math.max(1, network.reconnectDelayMs(nodeId, nowMs)));
            } else if (network.connection(nodeId) != null && network.connection(nodeId).throttledUntilMs() > nowMs) {
                pollTimeoutMs = Math.min(pollTimeoutMs, network.connection(nodeId).throttledUntilMs() - nowMs);
            }
        }
        if (!sendable.isEmpty() && !idempotence.blocksSending()) {
            Map<Integer, List<ProducerBatch>> drained = accumulator.drain(metadata, sendable, config.maxRequestSize(),
                    this::pipelineLimit, sendAllowed, nowMs);
            for (Map.Entry<Integer, List<ProducerBatch>> entry : drained.entrySet()) {
                dispatcher.send(entry.getKey(), entry.getValue(), nowMs);
            }
        }
        dispatcher.runDeferredCompletions();
        for (ProducerBatch expired : accumulator.expiredBatches(config.deliveryTimeoutMs(), nowMs)) {
            dispatcher.fail(expired, new TimeoutException("Expiring " + expired.recordCount() + " record(s) for "
                    + expired.topicPartition + ": " + (nowMs - expired.createdMs) + " ms passed since the batch was created"
                    + " (delivery-timeout " + config.deliveryTimeoutMs() + " ms)" + dispatcher.lastErrorSuffix(expired), false));
        }
        if (!running) {
            pollTimeoutMs = Math.min(pollTimeoutMs, Math.max(0, closeDeadlineMs - nowMs));
        }
        network.poll(Math.max(0, Math.min(pollTimeoutMs, 1_000)));
    }

}
