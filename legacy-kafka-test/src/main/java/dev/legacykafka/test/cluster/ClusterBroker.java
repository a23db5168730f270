package dev.legacykafka.test.cluster;

import dev.legacykafka.test.proxy.FaultProxy;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One broker of a {@link KafkaCluster}, with the faults a test can inflict on it. Its ports and
 * data stay the same across {@link #stop()}, {@link #kill()} and {@link #start()}.
 */
public interface ClusterBroker {

    /** The broker id ({@code broker.id} or KRaft {@code node.id}), {@code 1..N}. */
    int id();

    /** {@code 127.0.0.1:PORT} of this broker's proxy, which it advertises to clients. */
    String bootstrapServers();

    /**
     * The fault proxy in front of this broker's client listener: every client connection to this
     * broker goes through it, so {@link FaultProxy#cutConnections()}, {@link FaultProxy#blackhole(boolean)},
     * {@link FaultProxy#dropResponses(short, int)} and the rest hit exactly this broker. It lives as
     * long as the cluster, across stops and starts of the broker; while the broker is down it
     * accepts connections and closes them. The fixture's own probes bypass it.
     */
    FaultProxy proxy();

    /**
     * {@code 127.0.0.1:PORT} of the INTERNAL listener, used for replication and by the fixture,
     * never proxied. Metadata asked here names every broker's INTERNAL address, so a client
     * bootstrapped here bypasses the proxies altogether.
     */
    String internalAddress();

    /** True if the broker's process is alive (also while {@linkplain #pause() paused}). */
    boolean isRunning();

    /** True between {@link #pause()} and {@link #resume()}. */
    boolean isPaused();

    /**
     * The process id of the broker JVM.
     *
     * @throws IllegalStateException if it is not running
     */
    long pid();

    /**
     * Stops the broker cleanly (SIGTERM: controlled shutdown, leadership moves away first) and
     * waits until its process is gone and its ports are closed. A paused broker is resumed first.
     */
    void stop();

    /** Kills the broker's JVM with SIGKILL, as a crash would, and waits until it is gone. */
    void kill();

    /**
     * Starts a stopped or killed broker on the same ports with the same data, and returns once its
     * metadata lists it (registered with ZooKeeper or the KRaft controller, serving). For
     * ZooKeeper releases it first waits until ZooKeeper has dropped the broker's old registration
     * ({@code /brokers/ids/N}, held until a killed broker's session expires), which a broker
     * started too early would collide with.
     *
     * @throws dev.legacykafka.test.BrokerStartException if it does not come up in time
     */
    void start();

    /** {@link #stop()} then {@link #start()}: a clean bounce. */
    default void restart() {
        stop();
        start();
    }

    /**
     * Suspends the broker's JVM (SIGSTOP), as a hung broker or a long GC pause: connections stay
     * open, nothing is answered, heartbeats stop, so the cluster fences it after its session
     * timeout.
     */
    void pause();

    /** Lets a paused broker run again (SIGCONT). */
    void resume();

    /** The broker's partition logs ({@code log.dirs}), one folder {@code TOPIC-PARTITION} per partition. */
    Optional<Path> logDirectory();

    /** The last lines of this broker's log. */
    String logTail(int lines);
}
