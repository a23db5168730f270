package dev.legacykafka.test;

import dev.legacykafka.test.security.BrokerSecurity;
import dev.legacykafka.test.security.ListenerSecurity;
import dev.legacykafka.test.security.SaslMechanism;
import dev.legacykafka.test.security.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Kafka broker a test talks to over the wire. Obtain one from {@link KafkaBrokers} (shared
 * per JVM, or dedicated) or inject it with {@link dev.legacykafka.test.junit.KafkaBrokerTest}.
 *
 * <p>Every broker has a PLAINTEXT listener on {@link #port()}; a spec with
 * {@link BrokerSpec#withSecurity(BrokerSecurity)} adds SSL, SASL_PLAINTEXT and SASL_SSL listeners,
 * reached through {@link #bootstrapServers(ListenerSecurity)}.
 *
 * <p>Shared brokers refuse the lifecycle methods ({@link #stop()}, {@link #start()},
 * {@link #restart()}, {@link #kill()}, {@link #close()} does nothing); use a dedicated broker for
 * fault tests.
 */
public interface KafkaBroker extends AutoCloseable {

    /** {@code "127.0.0.1:PORT"}, for a client's bootstrap servers. */
    default String bootstrapServers() {
        return host() + ":" + port();
    }

    /** The broker's release. */
    KafkaVersion version();

    /** The host the broker listens on and advertises. */
    String host();

    /** The client port; it stays the same across {@link #restart()}. */
    int port();

    /**
     * {@code "127.0.0.1:PORT"} of the listener with the given security protocol.
     *
     * @throws IllegalArgumentException if the broker has no such listener
     */
    default String bootstrapServers(ListenerSecurity listener) {
        return host() + ":" + port(listener);
    }

    /**
     * {@code "127.0.0.1:PORT"} of the listener with the given security protocol name, e.g.
     * {@code "SASL_SSL"} (any case), as a client's {@code security.protocol} names it.
     *
     * @throws IllegalArgumentException if the name is no security protocol or the broker has no such listener
     */
    default String bootstrapServers(String securityProtocol) {
        return bootstrapServers(ListenerSecurity.parse(securityProtocol));
    }

    /**
     * The port of the listener with the given security protocol; it stays the same across
     * {@link #restart()}.
     *
     * @throws IllegalArgumentException if the broker has no such listener
     */
    default int port(ListenerSecurity listener) {
        if (listener == ListenerSecurity.PLAINTEXT) {
            return port();
        }
        throw new IllegalArgumentException(this + " has no " + listener + " listener; only PLAINTEXT");
    }

    /** The secured listeners and authentication of this broker; {@link BrokerSecurity#NONE} by default. */
    default BrokerSecurity security() {
        return BrokerSecurity.NONE;
    }

    /**
     * The certificates behind the broker's TLS listeners: the CA to trust, the client certificate
     * it accepts, and the certificate it presents ({@code certificates().broker(security().brokerCertificate())}).
     *
     * @throws IllegalStateException if the broker has no SSL or SASL_SSL listener
     */
    default TestCertificates certificates() {
        throw new IllegalStateException(this + " has no TLS listener");
    }

    /**
     * Creates (or changes the password of) a SCRAM user with the broker's own config tool, and
     * returns once the broker accepts that user's password: the broker learns of new credentials
     * asynchronously, from ZooKeeper or the metadata log, and this method waits by authenticating.
     *
     * @param mechanism {@link SaslMechanism#SCRAM_SHA_256} or {@link SaslMechanism#SCRAM_SHA_512},
     *     enabled in the broker's {@link BrokerSecurity}
     * @param user the user name
     * @param password the password; it must not contain {@code ,}, {@code [}, {@code ]} or {@code =},
     *     which the config tool's syntax reserves
     * @throws IllegalArgumentException if the mechanism is not an enabled SCRAM mechanism, or the
     *     password holds a reserved character
     * @throws BrokerToolException if the tool fails or the user cannot authenticate in time
     * @throws UnsupportedOperationException on brokers that cannot run the tool (containers)
     */
    default void createScramUser(SaslMechanism mechanism, String user, String password) {
        throw new UnsupportedOperationException(this + " cannot create SCRAM users");
    }

    /**
     * {@link #createScramUser(SaslMechanism, String, String)} with the mechanism's Kafka name,
     * e.g. {@code "SCRAM-SHA-256"}.
     */
    default void createScramUser(String mechanism, String user, String password) {
        createScramUser(SaslMechanism.parse(mechanism), user, password);
    }

    /** {@code 127.0.0.1:PORT} of the broker's ZooKeeper, empty for KRaft brokers. */
    Optional<String> zookeeperConnect();

    /**
     * Creates a topic with replication factor 1 and returns once every partition has a leader in
     * the broker's metadata.
     *
     * @param name topic name
     * @param partitions number of partitions
     * @param topicConfigs topic-level settings such as {@code cleanup.policy=compact}; may be empty
     * @throws BrokerToolException if the broker's topic tool fails or leaders do not appear in time
     */
    void createTopic(String name, int partitions, Map<String, String> topicConfigs);

    /** Creates a topic with default settings, see {@link #createTopic(String, int, Map)}. */
    default void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Sets a dynamic client quota ({@code producer_byte_rate}) for one client id, through the
     * broker's own config tool. The broker applies it asynchronously; this method waits a moment,
     * which is usually enough but proves nothing on a loaded machine: a test that needs the quota
     * in force probes for it, sending until a response carries a throttle time, with a generous bound.
     *
     * @param clientId the client id the quota applies to
     * @param producerByteRate bytes per second the client may produce
     * @throws UnsupportedOperationException on brokers without client quotas (before 0.9)
     */
    default void setClientQuota(String clientId, long producerByteRate) {
        setClientQuota(clientId, Map.of("producer_byte_rate", Long.toString(producerByteRate)));
    }

    /**
     * Sets dynamic client quotas for one client id, e.g. {@code producer_byte_rate},
     * {@code consumer_byte_rate} or {@code request_percentage} (0.11+).
     *
     * @param clientId the client id the quotas apply to
     * @param quotas quota names and values
     * @throws UnsupportedOperationException on brokers without client quotas (before 0.9)
     */
    void setClientQuota(String clientId, Map<String, String> quotas);

    /**
     * Runs a class from the broker distribution's classpath in a child JVM, e.g. the console
     * consumer of brokers that today's clients cannot talk to.
     *
     * @param mainClass fully qualified main class, e.g. {@code kafka.tools.ConsoleConsumer}
     * @param args its arguments
     * @param timeout how long it may run; it is killed after that
     * @return exit code and combined stdout/stderr
     * @throws BrokerToolException if it does not end in time
     */
    ToolResult runTool(String mainClass, List<String> args, Duration timeout);

    /**
     * The last lines of the broker's own log (and of its ZooKeeper's, if any).
     *
     * @param lines how many lines of each log
     */
    String logTail(int lines);

    /**
     * The directory of the broker's partition logs ({@code log.dirs}) on this machine's disk, one
     * folder {@code TOPIC-PARTITION} per partition holding its {@code .log} segments, so a test can
     * see what the broker stored, batch by batch (compression, magic), without a client in between.
     * Empty where the data is not on this machine's disk (containers).
     */
    default Optional<Path> logDirectory() {
        return Optional.empty();
    }

    /** True if the broker process is alive. */
    boolean isRunning();

    /**
     * Starts a stopped or killed broker on the same port with the same data.
     *
     * @throws BrokerStartException if it does not come up; the message holds the log tail
     */
    void start();

    /** Stops the broker gracefully and waits until its process is gone and its port closed. */
    void stop();

    /** {@link #stop()} then {@link #start()}. */
    default void restart() {
        stop();
        start();
    }

    /** Kills the broker's JVM with SIGKILL, as a crash would, and waits until it is gone. */
    void kill();

    /**
     * Suspends the broker's JVM (SIGSTOP), as a hung broker or a long GC pause: connections stay
     * open and requests are taken by the kernel, but nothing is answered until {@link #resume()}.
     *
     * @throws UnsupportedOperationException where the broker is not a local process
     */
    default void pause() {
        throw new UnsupportedOperationException(this + " cannot be paused");
    }

    /** Lets a {@linkplain #pause() paused} broker run again (SIGCONT). */
    default void resume() {
        throw new UnsupportedOperationException(this + " cannot be paused");
    }

    /** Stops the broker (and its ZooKeeper) and deletes its data. */
    @Override
    void close();
}
