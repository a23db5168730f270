package dev.legacykafka.test.cluster;

import dev.legacykafka.test.KafkaVersion;
import dev.legacykafka.test.broker.ProcessKafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several real Kafka brokers of one release on 127.0.0.1, each a child JVM of the test JVM, for
 * failover tests: leaders that move, brokers that stop, crash, hang or come back, connections
 * that break. ZooKeeper releases (0.10.2 to 2.x) share one ZooKeeper process; KRaft releases (3.x,
 * 4.x) run every node as combined broker and controller, all of them voters.
 *
 * <p>Every broker has two listeners: INTERNAL for replication and the fixture's own probes, reached
 * directly, and EXTERNAL for clients, which the broker advertises as the address of its
 * {@linkplain ClusterBroker#proxy() proxy}. A client bootstrapped with {@link #bootstrapServers()}
 * therefore reaches every broker only through its proxy, where a test can cut, refuse, delay or
 * drop traffic.
 *
 * <pre>{@code
 * try (KafkaCluster cluster = KafkaCluster.start(ClusterSpec.of("2.8.2"))) {
 *     cluster.createTopic("orders", 3, 3, Map.of());
 *     int leader = cluster.leader("orders", 0);
 *     cluster.broker(leader).kill();
 *     cluster.awaitNewLeader("orders", 0, leader, Duration.ofSeconds(30));
 *     cluster.broker(leader).start();             // waits out its old ZooKeeper session
 *     cluster.awaitFullIsr("orders", Duration.ofSeconds(60));
 * }
 * }</pre>
 *
 * <p>One three-broker cluster needs about 2 GB of memory; run one at a time on a small machine.
 */
public interface KafkaCluster extends AutoCloseable {

    /**
     * Starts ZooKeeper (for ZooKeeper releases) and every broker in parallel, and returns once each
     * broker's metadata lists all brokers.
     *
     * @throws dev.legacykafka.test.BrokerStartException if a broker does not come up; everything
     *     started so far is stopped and the message holds the failing broker's log tail
     */
    static KafkaCluster start(ClusterSpec spec) {
        return ProcessKafkaCluster.start(spec);
    }

    /** {@link #start(ClusterSpec)} with three brokers of the given release and the fixture's defaults. */
    static KafkaCluster start(String version) {
        return start(ClusterSpec.of(version));
    }

    /** The spec the cluster was started from. */
    ClusterSpec spec();

    /** The release every broker runs. */
    KafkaVersion version();

    /** The brokers, ordered by id {@code 1..N}. */
    List<ClusterBroker> brokers();

    /**
     * The broker with the given id.
     *
     * @throws IllegalArgumentException if there is none
     */
    ClusterBroker broker(int id);

    /** Every broker's proxy address, comma-separated: what clients bootstrap with. */
    String bootstrapServers();

    /**
     * Creates a topic with the release's own topic tool ({@code --zookeeper} before 2.2, else
     * {@code --bootstrap-server} on the INTERNAL listener) and returns once every running broker's
     * metadata shows a leader and a full ISR for every partition.
     *
     * @param name topic name
     * @param partitions number of partitions
     * @param replicationFactor replicas per partition, at most the number of brokers
     * @param topicConfigs topic settings such as {@code min.insync.replicas=2}; may be empty
     * @throws dev.legacykafka.test.BrokerToolException if the tool fails or the topic does not
     *     become ready in time
     */
    void createTopic(String name, int partitions, int replicationFactor, Map<String, String> topicConfigs);

    /** {@link #createTopic(String, int, int, Map)} without topic settings. */
    default void createTopic(String name, int partitions, int replicationFactor) {
        createTopic(name, partitions, replicationFactor, Map.of());
    }

    /**
     * The partition as a running broker's metadata describes it, asked over the wire (INTERNAL
     * listener, never through a proxy) from the first running, unpaused broker that answers.
     *
     * @throws IllegalStateException if no broker answers or none knows the partition
     */
    PartitionState partition(String topic, int partition);

    /** Every partition of the topic, as {@link #partition(String, int)} describes it. */
    List<PartitionState> partitions(String topic);

    /**
     * The broker id of the partition's current leader, asked as {@link #partition(String, int)}
     * does; -1 if it has none or no broker answers.
     */
    int leader(String topic, int partition);

    /** The partition's in-sync replicas, asked as {@link #partition(String, int)} does. */
    List<Integer> inSyncReplicas(String topic, int partition);

    /**
     * Waits until the partition has a leader other than {@code notBrokerId}, asking the other
     * brokers, and returns its id. After a SIGKILL this takes the failure detection time: the
     * ZooKeeper session timeout (6 s) or the KRaft broker session timeout (3 s), plus the election.
     *
     * @throws IllegalStateException if none is elected within the timeout
     */
    int awaitNewLeader(String topic, int partition, int notBrokerId, Duration timeout);

    /**
     * Waits until every partition of the topic has a leader and all its replicas in sync, in the
     * metadata of every running broker: after a broker was restarted it has caught up.
     *
     * @throws IllegalStateException if that does not happen within the timeout
     */
    void awaitFullIsr(String topic, Duration timeout);

    /** {@code 127.0.0.1:PORT} of the cluster's ZooKeeper, empty for KRaft releases. */
    Optional<String> zookeeperConnect();

    /** The last lines of every broker's log and of ZooKeeper's, each labelled. */
    String logTail(int lines);

    /** Kills every broker, ZooKeeper and proxy, and deletes the data; never waits for a graceful shutdown. */
    @Override
    void close();
}
