package dev.legacykafka.client.internals;

import dev.legacykafka.client.BrokerStatus;
import dev.legacykafka.client.errors.LegacyKafkaException;
import dev.legacykafka.client.errors.UnsupportedVersionException;
import dev.legacykafka.client.network.BrokerNode;
import dev.legacykafka.client.network.NetworkClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Answers "which Produce version and record format will each broker get?" for startup
 * diagnostics and health checks: connects to the bootstrap brokers and every broker they list,
 * and reports each one's handshake outcome. Requested from any thread, run on the network thread.
 */
final class BrokerProbe {

    private record Pending(long deadlineMs, CompletableFuture<List<BrokerStatus>> result) {
    }

    private final ClusterMetadata metadata;
    private final BrokerVersionsRegistry registry;
    private final ProduceVersionPolicy versionPolicy;
    private final NetworkClient network;
    private final BrokerHandshake handshake;
    private final MetadataUpdater metadataUpdater;
    private final ConcurrentLinkedQueue<Pending> requests = new ConcurrentLinkedQueue<>();
    private final List<Pending> active = new ArrayList<>();

    BrokerProbe(ClusterMetadata metadata, BrokerVersionsRegistry registry, ProduceVersionPolicy versionPolicy,
                NetworkClient network, BrokerHandshake handshake, MetadataUpdater metadataUpdater) {
        this.metadata = metadata;
        this.registry = registry;
        this.versionPolicy = versionPolicy;
        this.network = network;
        this.handshake = handshake;
        this.metadataUpdater = metadataUpdater;
    }

    /** Runs a probe and waits for it, at most {@code timeoutMs}. */
    List<BrokerStatus> run(long timeoutMs, Runnable wakeNetworkThread) {
        Pending pending = new Pending(NetworkClient.nowMs() + timeoutMs, new CompletableFuture<>());
        requests.add(pending);
        metadataUpdater.requestBrokerList();
        wakeNetworkThread.run();
        // The network thread answers by the deadline itself; the extra wait only covers a stalled thread.
        return AwaitResult.of(pending.result(), timeoutMs + 5_000, "Broker probe", timeoutMs + " ms");
    }

    /**
     * Network thread: connects to every broker a running probe needs and completes probes that are
     * answered or past their deadline.
     *
     * @return how long the thread may sleep before looking again
     */
    long maybeConnect(long nowMs) {
        Pending next;
        while ((next = requests.poll()) != null) {
            active.add(next);
        }
        if (active.isEmpty()) {
            return Long.MAX_VALUE;
        }
        Map<String, BrokerNode> targets = targets();
        boolean allAnswered = true;
        List<BrokerStatus> statuses = new ArrayList<>();
        for (BrokerNode target : targets.values()) {
            BrokerStatus status = status(target);
            if (status == null) {
                allAnswered = false;
                network.maybeConnect(target, nowMs);
            } else {
                statuses.add(status);
            }
        }
        if (allAnswered && metadata.version() == 0 && statuses.stream().anyMatch(BrokerStatus::reachable)) {
            // A bootstrap broker answered; wait for its Metadata answer, which lists the other brokers.
            allAnswered = false;
        }
        long sleep = 50;
        for (Pending pending : new ArrayList<>(active)) {
            if (allAnswered || nowMs >= pending.deadlineMs()) {
                active.remove(pending);
                pending.result().complete(allAnswered ? statuses : withUnanswered(targets, nowMs));
            } else {
                sleep = Math.min(sleep, pending.deadlineMs() - nowMs);
            }
        }
        return Math.max(1, sleep);
    }

    private List<BrokerStatus> withUnanswered(Map<String, BrokerNode> targets, long nowMs) {
        List<BrokerStatus> statuses = new ArrayList<>();
        for (BrokerNode target : targets.values()) {
            BrokerStatus status = status(target);
            statuses.add(status != null ? status : new BrokerStatus(target.address(), false, -1, -1, false, -1, -1,
                    "no answer within the probe timeout"));
        }
        return statuses;
    }

    private Map<String, BrokerNode> targets() {
        Map<String, BrokerNode> byAddress = new LinkedHashMap<>();
        for (BrokerNode node : metadataUpdater.bootstrapNodes()) {
            byAddress.put(node.address(), node);
        }
        for (BrokerNode node : metadata.nodes()) {
            BrokerNode known = byAddress.get(node.address());
            // Keep whichever id already has a finished handshake; prefer the real id otherwise.
            if (known == null || registry.get(known.id()) == null) {
                byAddress.put(node.address(), node);
            }
        }
        return byAddress;
    }

    private BrokerStatus status(BrokerNode node) {
        BrokerVersions versions = registry.get(node.id());
        if (versions != null) {
            int produceVersion = -1;
            int magic = -1;
            String problem = null;
            try {
                produceVersion = versionPolicy.select(versions);
                magic = ProduceVersionPolicy.magicFor(produceVersion);
            } catch (UnsupportedVersionException e) {
                problem = e.getMessage();
            }
            return new BrokerStatus(node.address(), true, versions.min(0), versions.max(0), !versions.fromFallback(),
                    produceVersion, magic, problem);
        }
        String problem = handshake.problem(node.address());
        return problem == null ? null : new BrokerStatus(node.address(), false, -1, -1, false, -1, -1, problem,
                handshake.authenticationFailed(node.address()));
    }

    /** Fails every probe still waiting (closing). */
    void failPending(LegacyKafkaException cause) {
        Pending next;
        while ((next = requests.poll()) != null) {
            active.add(next);
        }
        for (Pending pending : active) {
            pending.result().completeExceptionally(cause);
        }
        active.clear();
    }
}
