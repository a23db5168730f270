package dev.legacykafka.test.broker;

import dev.legacykafka.test.BrokerSpec;
import dev.legacykafka.test.BrokerStartException;
import dev.legacykafka.test.BrokerToolException;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaVersion;
import dev.legacykafka.test.ToolResult;
import dev.legacykafka.test.artifacts.BrokerClasspathResolver;
import dev.legacykafka.test.security.BrokerSecurity;
import dev.legacykafka.test.security.ListenerSecurity;
import dev.legacykafka.test.security.SaslMechanism;
import dev.legacykafka.test.security.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka broker running as a child JVM of the test JVM, on 127.0.0.1, from the release's jars on
 * Maven Central. Brokers before 3.0 get a ZooKeeper process of their own; newer ones run KRaft
 * with broker and controller in one process. Data lives in a temporary directory that survives
 * {@link #stop()}, {@link #kill()} and {@link #start()}, and is deleted by {@link #close()}.
 *
 * <p>With {@link BrokerSpec#security()} the broker also opens SSL, SASL_PLAINTEXT and SASL_SSL
 * listeners, each on a port of its own, with {@link TestCertificates#shared()} as key and trust
 * material and a JAAS file for SASL.
 *
 * <p>Usually obtained through {@link dev.legacykafka.test.KafkaBrokers}.
 */
public final class ProcessKafkaBroker implements KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessKafkaBroker.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration QUOTA_SETTLE = Duration.ofMillis(1000);
    private static final Duration SCRAM_LOGIN_TIMEOUT = Duration.ofSeconds(30);
    // The config tool's syntax: SCRAM-SHA-256=[iterations=4096,password=...]
    private static final Pattern SCRAM_PASSWORD = Pattern.compile("[^,\\[\\]=]+");
    private static final int START_FAILURE_TAIL_LINES = 80;
    private static final String LEGACY_STARTED_MARKER = "started (kafka.server.KafkaServer)";

    private final BrokerSpec spec;
    private final KafkaVersion version;
    private final Path instanceDir;
    private final Path dataDir;
    private final Path configFile;
    private final Path logFile;
    private final Path classpathArgFile;
    private final List<String> jvmOptions;
    private final int port;
    private final int controllerPort;
    private final Map<ListenerSecurity, Integer> securedPorts;
    private final CompletableFuture<TestCertificates> certificates;
    private final ZooKeeperServer zooKeeper;
    private final BrokerTools tools;
    private final MetadataProbe probe;
    private Process process;
    private boolean formatted;
    private boolean closed;
    private long killedAtNanos;

    private ProcessKafkaBroker(BrokerSpec spec, List<Path> classpath, List<Path> toolsClasspath) {
        this.spec = spec;
        this.version = spec.version();
        this.instanceDir = Directories.createTemp("legacy-kafka-" + version + "-");
        ProcessReaper.register(instanceDir);
        this.dataDir = instanceDir.resolve("kafka-logs");
        this.configFile = instanceDir.resolve("server.properties");
        this.logFile = instanceDir.resolve("broker.log");
        this.classpathArgFile = instanceDir.resolve("classpath.args");
        ChildJvm.writeClasspathArgFile(classpathArgFile, classpath);
        List<String> options = new ArrayList<>(spec.jvmOptions());
        options.addAll(LoggingConfig.write(instanceDir, false));
        BrokerSecurity security = spec.security();
        if (security.usesSasl()) {
            Path jaasFile = instanceDir.resolve("kafka_server_jaas.conf");
            writeString(jaasFile, SecuritySettings.jaasFile(security));
            options.addAll(SecuritySettings.jvmOptions(jaasFile, !version.usesKRaft()));
        }
        this.jvmOptions = List.copyOf(options);
        this.port = PortAllocator.freePort();
        this.controllerPort = version.usesKRaft() ? PortAllocator.freePort() : -1;
        Map<ListenerSecurity, Integer> ports = new EnumMap<>(ListenerSecurity.class);
        security.listeners().forEach(listener -> ports.put(listener, PortAllocator.freePort()));
        this.securedPorts = Collections.unmodifiableMap(ports);
        // Generated (once per JVM) while ZooKeeper starts or storage is formatted; joined before
        // the config is written.
        this.certificates = security.usesTls()
                ? CompletableFuture.supplyAsync(TestCertificates::shared, ProcessKafkaBroker::runOnDaemonThread)
                : null;
        this.zooKeeper = version.usesKRaft() ? null
                : new ZooKeeperServer(instanceDir.resolve("zookeeper"), classpathArgFile, instanceDir);
        this.tools = new BrokerTools(version, classpath, classpathArgFile, toolsClasspath, instanceDir);
        this.probe = new MetadataProbe(host(), port, version, 2_000);
    }

    /**
     * Resolves the release's jars, then starts a broker and waits until it answers Metadata.
     *
     * @param spec what to run
     * @return the running broker; the caller closes it
     * @throws BrokerStartException if it does not come up (the message holds its log tail)
     */
    public static ProcessKafkaBroker start(BrokerSpec spec) {
        BrokerClasspathResolver resolver = BrokerClasspathResolver.defaultResolver();
        List<Path> classpath = resolver.resolve(spec.version());
        List<Path> toolsClasspath = resolver.resolveTools(spec.version()).orElse(List.of());
        ProcessKafkaBroker broker = new ProcessKafkaBroker(spec, classpath, toolsClasspath);
        try {
            broker.start();
            return broker;
        } catch (RuntimeException | Error e) {
            broker.close();
            throw e;
        }
    }

    /** The spec this broker was started from. */
    public BrokerSpec spec() {
        return spec;
    }

    /**
     * The process id of the broker JVM.
     *
     * @throws IllegalStateException if it is not running
     */
    public synchronized long pid() {
        if (!isRunning()) {
            throw new IllegalStateException(this + " is not running");
        }
        return process.pid();
    }

    /** The broker's temporary directory (config, logs, data); deleted by {@link #close()}. */
    public Path directory() {
        return instanceDir;
    }

    @Override
    public Optional<Path> logDirectory() {
        return Optional.of(dataDir);
    }

    @Override
    public KafkaVersion version() {
        return version;
    }

    @Override
    public String host() {
        return PortAllocator.LOOPBACK;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int port(ListenerSecurity listener) {
        if (listener == ListenerSecurity.PLAINTEXT) {
            return port;
        }
        Integer listenerPort = securedPorts.get(listener);
        if (listenerPort == null) {
            throw new IllegalArgumentException(this + " has no " + listener + " listener; it has PLAINTEXT"
                    + (securedPorts.isEmpty() ? " only" : " and " + securedPorts.keySet())
                    + ". Open more with BrokerSpec.withSecurity(...)");
        }
        return listenerPort;
    }

    @Override
    public BrokerSecurity security() {
        return spec.security();
    }

    @Override
    public TestCertificates certificates() {
        if (certificates == null) {
            throw new IllegalStateException(this + " has no SSL or SASL_SSL listener, so no certificates");
        }
        return joinCertificates();
    }

    @Override
    public Optional<String> zookeeperConnect() {
        return zooKeeper == null ? Optional.empty() : Optional.of(zooKeeper.connectString());
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void start() {
        ensureOpen();
        if (isRunning()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + spec.startTimeout().toNanos();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config;
        if (zooKeeper != null) {
            zooKeeper.start(spec.startTimeout().toMillis());
            config = BrokerProperties.zooKeeperMode(version, port, securedPorts, zooKeeper.connectString(), dataDir,
                    overrides());
            BrokerProperties.write(configFile, config);
            awaitOldSessionExpiry(config);
        } else {
            config = BrokerProperties.kraftMode(version, port, securedPorts, controllerPort, dataDir, overrides());
            BrokerProperties.write(configFile, config);
            if (!formatted) {
                try {
                    tools.formatStorage(configFile, newClusterId());
                } catch (BrokerToolException e) {
                    throw new BrokerStartException("Kafka " + version + " did not start: " + e.getMessage() + "\n"
                            + logTail(START_FAILURE_TAIL_LINES), e);
                }
                formatted = true;
            }
        }
        appendToLog("==== legacy-kafka-test: starting Kafka " + version + " on " + bootstrapServers() + " ====");
        long logOffset = LogTail.size(logFile);
        process = ChildJvm.of(classpathArgFile, "kafka.Kafka").jvmOptions(jvmOptions)
                .args(List.of(configFile.toString())).deleteWhenOrphaned(instanceDir).workingDirectory(instanceDir)
                .start(logFile);
        awaitReady(deadline, logOffset);
        LOG.info("Kafka {} {} started on {}{} in {} ms", version, version.usesKRaft() ? "(KRaft)" : "(ZooKeeper)",
                bootstrapServers(), securedPorts.isEmpty() ? "" : " " + securedPorts,
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy(); // SIGTERM: Kafka's shutdown hook shuts down in order
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka {} on {} did not stop within {}; killing it", version, bootstrapServers(), STOP_TIMEOUT);
                ProcessReaper.killTree(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessReaper.killTree(process);
        }
        forgetProcess();
    }

    @Override
    public synchronized void pause() {
        signal("STOP");
    }

    @Override
    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        ProcessSignals.send(pid(), name, this);
    }

    @Override
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        ProcessReaper.killTree(process);
        killedAtNanos = System.nanoTime();
        forgetProcess();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process != null) {
            // The data is deleted next, so there is nothing to shut down gracefully for.
            ProcessReaper.killTree(process);
            forgetProcess();
        }
        if (zooKeeper != null) {
            zooKeeper.kill();
        }
        Directories.deleteRecursively(instanceDir);
        ProcessReaper.unregister(instanceDir);
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> topicConfigs) {
        ensureRunning();
        tools.createTopic(bootstrapServers(), zookeeperConnect().orElse(null), name, partitions, topicConfigs);
        awaitLeaders(name, partitions);
    }

    @Override
    public void setClientQuota(String clientId, Map<String, String> quotas) {
        if (!version.supportsClientQuotas()) {
            throw new UnsupportedOperationException("Kafka " + version
                    + " has no client quotas; they came with 0.9.0");
        }
        ensureRunning();
        tools.alterClientQuotas(bootstrapServers(), zookeeperConnect().orElse(null), clientId, quotas);
        // The broker learns of the change asynchronously (ZooKeeper watch or metadata log).
        ZooKeeperServer.sleep(QUOTA_SETTLE.toMillis());
    }

    @Override
    public void createScramUser(SaslMechanism mechanism, String user, String password) {
        BrokerSecurity security = spec.security();
        if (!mechanism.isScram() || !security.saslMechanisms().contains(mechanism)) {
            throw new IllegalArgumentException(mechanism + " is not a SCRAM mechanism this broker enables; it enables "
                    + security.saslMechanisms());
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("SCRAM user name must not be empty");
        }
        if (password == null || !SCRAM_PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("SCRAM password must be non-empty and free of ',', '[', ']' and '='"
                    + " (the config tool's syntax)");
        }
        ensureRunning();
        tools.alterScramCredentials(bootstrapServers(), zooKeeper == null ? null : zooKeeper.connectString(), mechanism,
                user, password);
        // ZooKeeper watches and the metadata log deliver new credentials asynchronously: log in until they work.
        ListenerSecurity listener = securedPorts.containsKey(ListenerSecurity.SASL_PLAINTEXT)
                ? ListenerSecurity.SASL_PLAINTEXT : ListenerSecurity.SASL_SSL;
        ScramProbe login = new ScramProbe(host(), port(listener), listener.usesTls()
                ? SecuritySettings.probeContext(security, joinCertificates()) : null, 5_000);
        String failure = login.awaitAuthentication(mechanism, user, password, SCRAM_LOGIN_TIMEOUT.toMillis());
        if (failure != null) {
            throw new BrokerToolException("Created " + mechanism + " user " + user + " on " + this
                    + ", but it could not log in on " + listener + " within " + SCRAM_LOGIN_TIMEOUT + ": " + failure
                    + "\n" + logTail(40));
        }
    }

    @Override
    public ToolResult runTool(String mainClass, List<String> args, Duration timeout) {
        return tools.run(mainClass, args, timeout);
    }

    @Override
    public String logTail(int lines) {
        String tail = "--- Kafka " + version + " log (" + logFile + ") ---\n" + LogTail.of(logFile, lines);
        if (zooKeeper != null) {
            tail += "\n--- ZooKeeper log ---\n" + zooKeeper.logTail(lines);
        }
        return tail;
    }

    @Override
    public String toString() {
        return "Kafka " + version + " on " + bootstrapServers();
    }

    /** The fixture's security settings, then the spec's own config, which wins. */
    private Map<String, String> overrides() {
        Map<String, String> settings = new LinkedHashMap<>(SecuritySettings.brokerConfig(spec.security(),
                certificates == null ? null : joinCertificates()));
        settings.putAll(spec.config());
        return settings;
    }

    private TestCertificates joinCertificates() {
        try {
            return certificates.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static void runOnDaemonThread(Runnable task) {
        Thread thread = new Thread(task, "legacy-kafka-certificates");
        thread.setDaemon(true);
        thread.start();
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private void awaitReady(long deadlineNanos, long logOffset) {
        Exception lastError = null;
        while (true) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                forgetProcess();
                throw startFailure("exited with code " + exit + " while starting", lastError);
            }
            try {
                MetadataProbe.Cluster cluster = probe.fetch(List.of());
                if (cluster.brokers().stream().anyMatch(node -> node.port() == port)) {
                    return;
                }
                // 0.8 lists no brokers in Metadata until a topic exists; its log says when it registered.
                if (version.before("0.9") && LogTail.contains(logFile, logOffset, LEGACY_STARTED_MARKER)) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadlineNanos) {
                ProcessReaper.killTree(process);
                forgetProcess();
                throw startFailure("did not answer Metadata within " + spec.startTimeout(), lastError);
            }
            ZooKeeperServer.sleep(100);
        }
    }

    private void awaitLeaders(String topic, int partitions) {
        String failure = probe.awaitLeaders(topic, partitions, LEADER_TIMEOUT.toMillis());
        if (failure != null) {
            throw new BrokerToolException("Topic " + topic + " on " + this + " has no leader for all " + partitions
                    + " partitions after " + LEADER_TIMEOUT + "; last metadata: " + failure + "\n" + logTail(40));
        }
    }

    // A killed broker's ZooKeeper registration lives until its session expires; a new broker
    // with the same id would fail to register before that.
    private void awaitOldSessionExpiry(Map<String, String> config) {
        if (killedAtNanos == 0) {
            return;
        }
        long sessionTimeoutMillis = Long.parseLong(config.getOrDefault("zookeeper.session.timeout.ms",
                BrokerProperties.ZK_SESSION_TIMEOUT_MS));
        long waitMillis = sessionTimeoutMillis + 1_000 - (System.nanoTime() - killedAtNanos) / 1_000_000;
        if (waitMillis > 0) {
            LOG.info("Waiting {} ms for the killed broker's ZooKeeper session to expire", waitMillis);
            ZooKeeperServer.sleep(waitMillis);
        }
        killedAtNanos = 0;
    }

    private BrokerStartException startFailure(String what, Exception cause) {
        return new BrokerStartException("Kafka " + version + " on " + bootstrapServers() + " " + what
                + (cause == null ? "" : " (last probe error: " + cause + ")") + "\n"
                + logTail(START_FAILURE_TAIL_LINES), cause);
    }

    private void forgetProcess() {
        ProcessReaper.unregister(process);
        process = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while (PortAllocator.isListening(port) && System.currentTimeMillis() < deadline) {
            ZooKeeperServer.sleep(50);
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void ensureRunning() {
        ensureOpen();
        if (!isRunning()) {
            throw new IllegalStateException(this + " is not running");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding, as Kafka's own Uuid. */
    static String newClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16);
            bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            // Kafka's tools take a leading '-' for an option.
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }
}
