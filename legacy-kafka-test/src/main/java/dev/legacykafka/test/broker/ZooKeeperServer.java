package dev.legacykafka.test.broker;

import dev.legacykafka.test.BrokerStartException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A standalone ZooKeeper server for one ZooKeeper-mode broker or a cluster of them, run from the ZooKeeper jar that
 * broker release depends on ({@code QuorumPeerMain}).
 */
final class ZooKeeperServer {

    private static final String MAIN_CLASS = "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            "-Djava.net.preferIPv4Stack=true", "-Dzookeeper.admin.enableServer=false");

    private final Path dir;
    private final Path classpathArgFile;
    private final Path instanceDir;
    private final Path logFile;
    private final int port;
    private Process process;

    /**
     * @param dir this server's directory (data, config, log)
     * @param classpathArgFile the broker classpath, which holds ZooKeeper
     * @param instanceDir the directory the watchdog deletes when the test JVM is gone
     */
    ZooKeeperServer(Path dir, Path classpathArgFile, Path instanceDir) {
        this.dir = dir;
        this.classpathArgFile = classpathArgFile;
        this.instanceDir = instanceDir;
        this.logFile = dir.resolve("zookeeper.log");
        this.port = PortAllocator.freePort();
    }

    /** The client port on 127.0.0.1. */
    int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}. */
    String connectString() {
        return PortAllocator.LOOPBACK + ":" + port;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server and waits until it accepts connections. */
    synchronized void start(long timeoutMillis) {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path config = dir.resolve("zookeeper.properties");
        BrokerProperties.write(config, BrokerProperties.zooKeeper(port, dir.resolve("data")));
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.addAll(LoggingConfig.write(dir, false));
        process = ChildJvm.of(classpathArgFile, MAIN_CLASS).jvmOptions(options).args(List.of(config.toString()))
                .deleteWhenOrphaned(instanceDir).workingDirectory(dir).start(logFile);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!PortAllocator.isListening(port)) {
            if (!process.isAlive()) {
                throw new BrokerStartException("ZooKeeper exited with code " + process.exitValue()
                        + " while starting\n--- ZooKeeper log ---\n" + logTail(60), null);
            }
            if (System.currentTimeMillis() > deadline) {
                kill();
                throw new BrokerStartException("ZooKeeper did not listen on " + connectString() + " within "
                        + timeoutMillis + " ms\n--- ZooKeeper log ---\n" + logTail(60), null);
            }
            sleep(50);
        }
    }

    /** Kills the server; its data stays until the directory is deleted. */
    synchronized void kill() {
        if (process != null) {
            ProcessReaper.killTree(process);
            ProcessReaper.unregister(process);
            process = null;
        }
    }

    String logTail(int lines) {
        return LogTail.of(logFile, lines);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
