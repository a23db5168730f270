package dev.legacykafka.test.broker;

import dev.legacykafka.test.BrokerStartException;
import dev.legacykafka.test.BrokerToolException;
import dev.legacykafka.test.KafkaVersion;
import dev.legacykafka.test.artifacts.BrokerClasspathResolver;
import dev.legacykafka.test.broker.ClusterProperties.NodePorts;
import dev.legacykafka.test.cluster.ClusterBroker;
import dev.legacykafka.test.cluster.ClusterSpec;
import dev.legacykafka.test.cluster.KafkaCluster;
import dev.legacykafka.test.cluster.PartitionState;
import dev.legacykafka.test.proxy.FaultProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KafkaCluster} of child JVMs on 127.0.0.1: one shared ZooKeeper (ZooKeeper releases)
 * or N combined broker+controller voters (KRaft), a proxy per broker in front of its client
 * listener, all in one temporary directory that {@link #close()} deletes.
 */
public final class ProcessKafkaCluster implements KafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessKafkaCluster.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
    private static final int FAILURE_TAIL_LINES = 40;
    // Not the common pool: on two cores it has a single thread, and starts mostly wait on I/O.
    private static final ExecutorService STARTER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "legacy-kafka-cluster-starter");
        thread.setDaemon(true);
        return thread;
    });

    private final ClusterSpec spec;
    private final KafkaVersion version;
    private final Path clusterDir;
    private final ZooKeeperServer zooKeeper;
    private final BrokerTools tools;
    private final List<ProcessClusterBroker> brokers = new ArrayList<>();
    private final ClusterMetadata metadata;
    private boolean closed;

    private ProcessKafkaCluster(ClusterSpec spec, List<Path> classpath, List<Path> toolsClasspath) {
        this.spec = spec;
        this.version = spec.version();
        this.clusterDir = Directories.createTemp("legacy-kafka-cluster-" + version + "-");
        ProcessReaper.register(clusterDir);
        Path classpathArgFile = clusterDir.resolve("classpath.args");
        ChildJvm.writeClasspathArgFile(classpathArgFile, classpath);
        this.tools = new BrokerTools(version, classpath, classpathArgFile, toolsClasspath, clusterDir);
        this.zooKeeper = version.usesKRaft() ? null
                : new ZooKeeperServer(clusterDir.resolve("zookeeper"), classpathArgFile, clusterDir);
        ZooKeeperRegistrations registrations = zooKeeper == null ? null
                : new ZooKeeperRegistrations(PortAllocator.LOOPBACK, zooKeeper.port());
        // Every port first, proxies included: KRaft voters and advertised listeners name them all.
        List<NodePorts> ports = IntStream.rangeClosed(1, spec.brokers())
                .mapToObj(id -> new NodePorts(id, PortAllocator.freePort(), PortAllocator.freePort(),
                        PortAllocator.freePort(), version.usesKRaft() ? PortAllocator.freePort() : -1))
                .collect(Collectors.toList());
        try {
            for (NodePorts node : ports) {
                Path dir = clusterDir.resolve("broker-" + node.id());
                Map<String, String> config = zooKeeper != null
                        ? ClusterProperties.zooKeeperMode(version, node, spec.brokers(), zooKeeper.connectString(),
                                dir.resolve("kafka-logs"), spec.config())
                        : ClusterProperties.kraftMode(version, node, ports, dir.resolve("kafka-logs"), spec.config());
                FaultProxy proxy = FaultProxy.start(node.proxy(), PortAllocator.LOOPBACK, node.external());
                brokers.add(new ProcessClusterBroker(version, node, clusterDir, dir, classpathArgFile,
                        spec.jvmOptions(), spec.startTimeout(), config, registrations, proxy));
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        this.metadata = new ClusterMetadata(brokers);
    }

    /**
     * Resolves the release's jars, starts ZooKeeper (ZooKeeper releases), formats the KRaft log
     * directories with one cluster id (KRaft releases), starts every broker in parallel and waits
     * until each lists all of them.
     *
     * @throws BrokerStartException if the cluster does not come up; everything is stopped again
     */
    public static ProcessKafkaCluster start(ClusterSpec spec) {
        long started = System.nanoTime();
        BrokerClasspathResolver resolver = BrokerClasspathResolver.defaultResolver();
        List<Path> classpath = resolver.resolve(spec.version());
        List<Path> toolsClasspath = resolver.resolveTools(spec.version()).orElse(List.of());
        ProcessKafkaCluster cluster = new ProcessKafkaCluster(spec, classpath, toolsClasspath);
        try {
            cluster.startAll(started);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(long startedNanos) {
        long deadline = startedNanos + spec.startTimeout().toNanos();
        long phase = System.nanoTime();
        String prepared;
        if (zooKeeper != null) {
            zooKeeper.start(spec.startTimeout().toMillis());
            prepared = "ZooKeeper " + millisSince(phase) + " ms";
        } else {
            String clusterId = ProcessKafkaBroker.newClusterId();
            inParallel(broker -> format(broker, clusterId));
            prepared = "storage formatted " + millisSince(phase) + " ms";
        }
        phase = System.nanoTime();
        brokers.forEach(ProcessClusterBroker::launch);
        inParallel(broker -> broker.awaitServing(deadline));
        long serving = millisSince(phase);
        Set<Integer> ids = brokers.stream().map(ProcessClusterBroker::id).collect(Collectors.toSet());
        String problem = metadata.awaitRegistered(ids, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        if (problem != null) {
            throw new BrokerStartException(this + " did not register all brokers within " + spec.startTimeout() + ": "
                    + problem + "\n" + logTail(FAILURE_TAIL_LINES), null);
        }
        LOG.info("{} started in {} ms ({}, brokers serving {} ms, all registered {} ms)", this,
                millisSince(startedNanos), prepared, serving, millisSince(phase));
    }

    private void format(ProcessClusterBroker broker, String clusterId) {
        try {
            tools.formatStorage(broker.configFile(), clusterId);
        } catch (BrokerToolException e) {
            throw new BrokerStartException("Broker " + broker.id() + " of Kafka " + version + " did not start: "
                    + e.getMessage(), e);
        }
    }

    /** Runs the action for every broker in parallel; throws the first failure, the others suppressed. */
    private void inParallel(Consumer<ProcessClusterBroker> action) {
        List<CompletableFuture<Void>> futures = brokers.stream()
                .map(broker -> CompletableFuture.runAsync(() -> action.accept(broker), STARTER))
                .collect(Collectors.toList());
        RuntimeException failure = null;
        for (CompletableFuture<Void> future : futures) {
            try {
                future.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public ClusterSpec spec() {
        return spec;
    }

    @Override
    public KafkaVersion version() {
        return version;
    }

    @Override
    public List<ClusterBroker> brokers() {
        return List.copyOf(brokers);
    }

    @Override
    public ClusterBroker broker(int id) {
        return brokerById(id);
    }

    private ProcessClusterBroker brokerById(int id) {
        if (id < 1 || id > brokers.size()) {
            throw new IllegalArgumentException("No broker " + id + " in " + this + "; ids are 1.." + brokers.size());
        }
        return brokers.get(id - 1);
    }

    @Override
    public String bootstrapServers() {
        return brokers.stream().map(ProcessClusterBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    @Override
    public void createTopic(String name, int partitions, int replicationFactor, Map<String, String> topicConfigs) {
        ensureOpen();
        if (replicationFactor < 1 || replicationFactor > brokers.size()) {
            throw new IllegalArgumentException("Replication factor " + replicationFactor + " on " + brokers.size()
                    + " brokers");
        }
        String internal = brokers.stream().filter(ProcessClusterBroker::isAnswering)
                .map(ProcessClusterBroker::internalAddress).collect(Collectors.joining(","));
        if (internal.isEmpty()) {
            throw new IllegalStateException("No broker of " + this + " is running and unpaused");
        }
        tools.createTopic(internal, zookeeperConnect().orElse(null), name, partitions, replicationFactor,
                topicConfigs);
        String problem = metadata.awaitFullIsr(name, partitions, replicationFactor, TOPIC_TIMEOUT);
        if (problem != null) {
            throw new BrokerToolException("Topic " + name + " on " + this + " has no leader and full ISR for all "
                    + partitions + " partitions after " + TOPIC_TIMEOUT + "; last: " + problem + "\n"
                    + logTail(FAILURE_TAIL_LINES));
        }
    }

    @Override
    public PartitionState partition(String topic, int partition) {
        return metadata.partition(topic, partition, -1);
    }

    @Override
    public List<PartitionState> partitions(String topic) {
        return metadata.partitions(topic, -1);
    }

    @Override
    public int leader(String topic, int partition) {
        try {
            return partition(topic, partition).leader();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    @Override
    public List<Integer> inSyncReplicas(String topic, int partition) {
        return partition(topic, partition).isr();
    }

    @Override
    public int awaitNewLeader(String topic, int partition, int notBrokerId, Duration timeout) {
        long started = System.nanoTime();
        int leader = metadata.awaitNewLeader(topic, partition, notBrokerId, timeout);
        LOG.info("{}-{}: broker {} leads instead of {} after {} ms", topic, partition, leader, notBrokerId,
                millisSince(started));
        return leader;
    }

    @Override
    public void awaitFullIsr(String topic, Duration timeout) {
        long started = System.nanoTime();
        String problem = metadata.awaitFullIsr(topic, 0, 0, timeout);
        if (problem != null) {
            throw new IllegalStateException("The ISR of " + topic + " is not full after " + timeout + ": " + problem);
        }
        LOG.info("{}: full ISR after {} ms", topic, millisSince(started));
    }

    @Override
    public Optional<String> zookeeperConnect() {
        return zooKeeper == null ? Optional.empty() : Optional.of(zooKeeper.connectString());
    }

    @Override
    public String logTail(int lines) {
        StringBuilder tail = new StringBuilder();
        for (ProcessClusterBroker broker : brokers) {
            tail.append(broker.logTail(lines)).append('\n');
        }
        if (zooKeeper != null) {
            tail.append("--- ZooKeeper ---\n").append(zooKeeper.logTail(lines)).append('\n');
        }
        return tail.toString();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // The data is deleted next, so there is nothing to shut down gracefully for.
        for (ProcessClusterBroker broker : brokers) {
            try {
                broker.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing {} failed", broker, e);
            }
        }
        if (zooKeeper != null) {
            zooKeeper.kill();
        }
        Directories.deleteRecursively(clusterDir);
        ProcessReaper.unregister(clusterDir);
    }

    @Override
    public String toString() {
        return brokers.size() + " x Kafka " + version + (version.usesKRaft() ? " (KRaft)" : " (ZooKeeper)");
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
