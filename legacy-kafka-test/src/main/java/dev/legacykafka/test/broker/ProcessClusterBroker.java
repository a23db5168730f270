package dev.legacykafka.test.broker;

import dev.legacykafka.test.BrokerStartException;
import dev.legacykafka.test.KafkaVersion;
import dev.legacykafka.test.broker.ClusterProperties.NodePorts;
import dev.legacykafka.test.cluster.ClusterBroker;
import dev.legacykafka.test.proxy.FaultProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker of a {@link ProcessKafkaCluster}: a child JVM with its own directory, ports and proxy,
 * which survive stops, kills and starts. The cluster starts the brokers (in parallel); a test
 * stops, kills, pauses and starts them again one by one.
 */
final class ProcessClusterBroker implements ClusterBroker {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessClusterBroker.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int FAILURE_TAIL_LINES = 60;

    private final KafkaVersion version;
    private final NodePorts ports;
    private final Path clusterDir;
    private final Path dataDir;
    private final Path configFile;
    private final Path logFile;
    private final Path classpathArgFile;
    private final List<String> jvmOptions;
    private final Duration startTimeout;
    private final ZooKeeperRegistrations registrations;
    private final FaultProxy proxy;
    private final MetadataProbe probe;
    private Process process;
    private volatile boolean paused;
    private boolean closed;

    /**
     * Writes the broker's config and logging setup; starts nothing but keeps the proxy.
     *
     * @param dir this broker's directory inside the cluster's
     * @param registrations the cluster's ZooKeeper registrations, null for KRaft
     * @param proxy the proxy in front of the EXTERNAL listener, already listening on the advertised port
     */
    ProcessClusterBroker(KafkaVersion version, NodePorts ports, Path clusterDir, Path dir, Path classpathArgFile,
            List<String> jvmOptions, Duration startTimeout, Map<String, String> config,
            ZooKeeperRegistrations registrations, FaultProxy proxy) {
        this.version = version;
        this.ports = ports;
        this.clusterDir = clusterDir;
        this.dataDir = dir.resolve("kafka-logs");
        this.configFile = dir.resolve("server.properties");
        this.logFile = dir.resolve("broker.log");
        this.classpathArgFile = classpathArgFile;
        this.startTimeout = startTimeout;
        this.registrations = registrations;
        this.proxy = proxy;
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(LoggingConfig.write(dir, false));
        this.jvmOptions = List.copyOf(options);
        BrokerProperties.write(configFile, config);
        this.probe = new MetadataProbe(PortAllocator.LOOPBACK, ports.internal(), version, 2_000);
    }

    @Override
    public int id() {
        return ports.id();
    }

    @Override
    public String bootstrapServers() {
        return PortAllocator.LOOPBACK + ":" + ports.proxy();
    }

    @Override
    public String internalAddress() {
        return PortAllocator.LOOPBACK + ":" + ports.internal();
    }

    @Override
    public FaultProxy proxy() {
        return proxy;
    }

    Path configFile() {
        return configFile;
    }

    MetadataProbe probe() {
        return probe;
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    /** Running and not paused: worth asking for metadata. */
    boolean isAnswering() {
        return !paused && isRunning();
    }

    @Override
    public synchronized long pid() {
        if (!isRunning()) {
            throw new IllegalStateException(this + " is not running");
        }
        return process.pid();
    }

    @Override
    public Optional<Path> logDirectory() {
        return Optional.of(dataDir);
    }

    @Override
    public String logTail(int lines) {
        return "--- broker " + id() + " (Kafka " + version + ", " + logFile + ") ---\n" + LogTail.of(logFile, lines);
    }

    @Override
    public void start() {
        long started = System.nanoTime();
        synchronized (this) {
            ensureOpen();
            if (isRunning()) {
                return;
            }
            awaitOldRegistrationGone();
            launch();
        }
        awaitServing(started + startTimeout.toNanos());
        LOG.info("Broker {} of Kafka {} started again in {} ms", id(), version, (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts the JVM without waiting; {@link #awaitServing(long)} waits. */
    synchronized void launch() {
        ensureOpen();
        appendToLog("==== legacy-kafka-test: starting broker " + id() + " of Kafka " + version + " ====");
        process = ChildJvm.of(classpathArgFile, "kafka.Kafka").jvmOptions(jvmOptions)
                .args(List.of(configFile.toString())).deleteWhenOrphaned(clusterDir)
                .workingDirectory(configFile.getParent()).start(logFile);
        paused = false;
    }

    /**
     * Waits until the broker's own metadata lists it: registered (ZooKeeper) or registered and
     * unfenced (KRaft), and serving.
     *
     * @throws BrokerStartException if it exits or the deadline passes; a late broker is killed
     */
    void awaitServing(long deadlineNanos) {
        Exception lastError = null;
        while (true) {
            Process current;
            synchronized (this) {
                current = process;
            }
            if (current == null || !current.isAlive()) {
                String exit = current == null ? "was stopped" : "exited with code " + current.exitValue();
                forgetProcess();
                throw startFailure(exit + " while starting", lastError);
            }
            try {
                if (probe.fetch(List.of()).brokers().stream().anyMatch(node -> node.id() == id())) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadlineNanos) {
                kill();
                throw startFailure("did not list itself in its metadata within " + startTimeout, lastError);
            }
            ZooKeeperServer.sleep(100);
        }
    }

    @Override
    public void stop() {
        Process current;
        synchronized (this) {
            current = process;
            if (current == null) {
                return;
            }
            if (paused) {
                resume(); // a stopped JVM would only act on SIGTERM after SIGCONT anyway
            }
        }
        long started = System.nanoTime();
        current.destroy(); // SIGTERM: Kafka's shutdown hook does a controlled shutdown
        try {
            if (!current.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Broker {} of Kafka {} did not stop within {}; killing it", id(), version, STOP_TIMEOUT);
                ProcessReaper.killTree(current);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessReaper.killTree(current);
        }
        forgetProcess();
        LOG.info("Broker {} of Kafka {} stopped in {} ms", id(), version, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void kill() {
        Process current;
        synchronized (this) {
            current = process;
            if (current == null) {
                return;
            }
        }
        ProcessReaper.killTree(current);
        forgetProcess();
    }

    @Override
    public synchronized void pause() {
        ProcessSignals.send(pid(), "STOP", this);
        paused = true;
    }

    @Override
    public synchronized void resume() {
        if (!paused) {
            return;
        }
        ProcessSignals.send(pid(), "CONT", this);
        paused = false;
    }

    /** Kills the broker and closes its proxy; the cluster deletes the data. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        kill();
        proxy.close();
    }

    @Override
    public String toString() {
        return "broker " + id() + " of Kafka " + version + " (proxy " + bootstrapServers() + ", internal "
                + internalAddress() + ")";
    }

    private void awaitOldRegistrationGone() {
        if (registrations == null) {
            return;
        }
        long sessionTimeout = Long.parseLong(BrokerProperties.ZK_SESSION_TIMEOUT_MS);
        long waitStarted = System.nanoTime();
        // The session of a killed broker expires within its timeout; allow ZooKeeper's tick on top.
        String failure = registrations.awaitUnregistered(id(), sessionTimeout * 3 + 5_000);
        long waited = (System.nanoTime() - waitStarted) / 1_000_000;
        if (failure != null) {
            throw new BrokerStartException("Broker " + id() + " of Kafka " + version + " is still registered in"
                    + " ZooKeeper after " + waited + " ms: " + failure, null);
        }
        if (waited > 200) {
            LOG.info("Broker {}: waited {} ms for ZooKeeper to drop its old registration", id(), waited);
        }
    }

    private BrokerStartException startFailure(String what, Exception cause) {
        return new BrokerStartException("Broker " + id() + " of Kafka " + version + " " + what
                + (cause == null ? "" : " (last probe error: " + cause + ")") + "\n" + logTail(FAILURE_TAIL_LINES),
                cause);
    }

    private void forgetProcess() {
        synchronized (this) {
            if (process != null) {
                ProcessReaper.unregister(process);
            }
            process = null;
            paused = false;
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while ((PortAllocator.isListening(ports.internal()) || PortAllocator.isListening(ports.external()))
                && System.currentTimeMillis() < deadline) {
            ZooKeeperServer.sleep(50);
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
