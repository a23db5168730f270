package dev.legacykafka.client.internals;

import dev.legacykafka.client.errors.TimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The negotiated versions of each broker, by node id, filled in by the network thread as
 * connections finish their handshake. Sending threads read them to choose the record format of
 * a partition's batches before the batch is sent.
 */
public final class BrokerVersionsRegistry {

    private final Map<Integer, BrokerVersions> byNode = new ConcurrentHashMap<>();
    /** Brokers (host:port) that dropped ApiVersions: later connections skip it and use the fallback. */
    private final Map<String, Boolean> withoutApiVersions = new ConcurrentHashMap<>();
    /** Brokers (host:port) that answered ApiVersions once: a later drop or silence proves nothing about their age. */
    private final Map<String, Boolean> answeredApiVersions = new ConcurrentHashMap<>();
    private volatile BrokerVersions latest;
    /** Bumped by every {@link #put}, so that a remembered answer of {@link #knownFor} is known to be current. */
    private volatile int generation;
    /**
     * The last answer of {@link #knownFor}: every send asks, mostly for the same node, and a map
     * look-up with a boxed key was a tenth of a send. A plain field: racing readers see an older
     * answer (then the generation or node differs and they look up) or a whole one (final fields).
     */
    private KnownFor lastKnown;

    private record KnownFor(int nodeId, int generation, BrokerVersions versions) {
    }

    /** The versions of a node, or null if no connection to it finished its handshake yet. */
    public BrokerVersions get(int nodeId) {
        return byNode.get(nodeId);
    }

    /** Records a finished handshake. */
    public synchronized void put(int nodeId, BrokerVersions versions) {
        byNode.put(nodeId, versions);
        latest = versions;
        generation++;
        notifyAll();
    }

    /** Remembers that this broker drops ApiVersions (0.8, 0.9). */
    public void markWithoutApiVersions(String address) {
        withoutApiVersions.put(address, Boolean.TRUE);
    }

    /** Remembers that this broker answered ApiVersions, so it is never taken for a 0.8/0.9 broker later. */
    public void markAnsweredApiVersions(String address) {
        answeredApiVersions.put(address, Boolean.TRUE);
    }

    /** Whether this broker ever answered ApiVersions. */
    public boolean hasAnsweredApiVersions(String address) {
        return answeredApiVersions.containsKey(address);
    }

    /** Whether this broker is known to drop ApiVersions. */
    public boolean isWithoutApiVersions(String address) {
        return withoutApiVersions.containsKey(address);
    }

    /** What {@link #forNodeOrAny} returns without waiting, or null if no broker has finished a handshake yet. */
    public BrokerVersions knownFor(int nodeId) {
        // The generation is read first: a put after this read makes the remembered answer look old, never current.
        int current = generation;
        KnownFor known = lastKnown;
        if (known != null && known.nodeId == nodeId && known.generation == current) {
            return known.versions;
        }
        BrokerVersions versions = byNode.get(nodeId);
        if (versions == null) {
            versions = latest;
        }
        if (versions != null) {
            lastKnown = new KnownFor(nodeId, current, versions);
        }
        return versions;
    }

    /**
     * The versions of {@code nodeId} if known, else those of the broker that negotiated last (the
     * brokers of a cluster usually run one version, and the batch is checked again against its real
     * leader when it is sent), waiting for a first handshake up to {@code maxBlockMs}.
     */
    public BrokerVersions forNodeOrAny(int nodeId, long maxBlockMs, Runnable wakeNetworkThread) throws InterruptedException {
        BrokerVersions versions = byNode.get(nodeId);
        if (versions != null) {
            return versions;
        }
        if (latest != null) {
            return latest;
        }
        wakeNetworkThread.run();
        long deadline = System.nanoTime() + maxBlockMs * 1_000_000L;
        synchronized (this) {
            while (latest == null) {
                long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
                if (remainingMs <= 0) {
                    throw new TimeoutException("No broker finished its ApiVersions handshake within max-block ("
                            + maxBlockMs + " ms)", true);
                }
                wait(remainingMs);
            }
            versions = byNode.get(nodeId);
            return versions != null ? versions : latest;
        }
    }
}
