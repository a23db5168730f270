package dev.legacykafka.test.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.test.BrokerStartException;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three-broker clusters of one ZooKeeper and one KRaft release ({@code -Pchaos} only): start, a topic with replication
 * factor 3, reads and writes through the proxies, and each fault of {@link ClusterBroker} followed
 * by recovery. One cluster per nested class, one at a time; the tests of a class run in order on it.
 */
class KafkaClusterIT {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterIT.class);
    private static final String TOPIC = "replicated";
    private static final Duration FAILOVER = Duration.ofSeconds(45);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    /**
     * In {@code -Pchaos} only, to keep verify short: the client module's ClusterFaultsIT runs 2.8.2
     * (ZooKeeper) and 4.4.0 (KRaft) clusters, with every fault it needs, in every build.
     */
    @Nested
    @EnabledIfSystemProperty(named = "legacykafka.chaos", matches = "true")
    class ZooKeeper0113 extends Scenarios {
        ZooKeeper0113() {
            super("0.11.0.3");
        }
    }

    /** In {@code -Pchaos} only: the client module's ClusterFaultsIT runs 4.4.0 clusters in every build. */
    @Nested
    @EnabledIfSystemProperty(named = "legacykafka.chaos", matches = "true")
    class KRaft440 extends Scenarios {
        KRaft440() {
            super("4.4.0");
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class Scenarios {

        private final String version;
        private KafkaCluster cluster;
        private final List<String> written = new ArrayList<>();

        Scenarios(String version) {
            this.version = version;
        }

        @BeforeAll
        void startCluster() {
            long t = System.nanoTime();
            cluster = KafkaCluster.start(ClusterSpec.of(version));
            LOG.info("MEASURED {}: cluster of 3 started in {} ms", version, millisSince(t));
        }

        /** Every broker running, none paused, the topic (once it exists) fully in sync: each test starts healthy. */
        @BeforeEach
        void heal() {
            for (ClusterBroker broker : cluster.brokers()) {
                broker.proxy().heal();
                if (broker.isPaused()) {
                    broker.resume();
                }
                if (!broker.isRunning()) {
                    broker.start();
                }
            }
            if (!written.isEmpty()) {
                cluster.awaitFullIsr(TOPIC, CATCH_UP);
            }
        }

        @AfterAll
        void closeCluster() {
            if (cluster != null) {
                long t = System.nanoTime();
                cluster.close();
                LOG.info("MEASURED {}: cluster closed in {} ms", version, millisSince(t));
            }
        }

        @Test
        @Order(1)
        void startsThreeBrokersEachBehindItsProxy() {
            assertThat(cluster.version().toString()).isEqualTo(version);
            assertThat(cluster.brokers()).extracting(ClusterBroker::id).containsExactly(1, 2, 3);
            assertThat(cluster.brokers()).allMatch(ClusterBroker::isRunning);
            assertThat(cluster.bootstrapServers().split(",")).hasSize(3)
                    .containsExactly(cluster.brokers().stream().map(ClusterBroker::bootstrapServers).toArray(String[]::new));
            assertThat(cluster.zookeeperConnect().isPresent()).isEqualTo(!cluster.version().usesKRaft());
            assertThat(cluster.logTail(2)).contains("--- broker 1").contains("--- broker 3");
        }

        @Test
        @Order(2)
        void topicWithReplicationFactorThreeHasFullIsr() {
            long t = System.nanoTime();
            cluster.createTopic(TOPIC, 3, 3, Map.of("min.insync.replicas", "2"));
            LOG.info("MEASURED {}: topic with 3 partitions, RF 3 ready in {} ms", version, millisSince(t));
            List<PartitionState> partitions = cluster.partitions(TOPIC);
            assertThat(partitions).hasSize(3);
            for (PartitionState partition : partitions) {
                assertThat(partition.replicas()).containsExactlyInAnyOrder(1, 2, 3);
                assertThat(partition.isr()).containsExactlyInAnyOrder(1, 2, 3);
                assertThat(partition.leader()).isBetween(1, 3);
                assertThat(cluster.leader(TOPIC, partition.partition())).isEqualTo(partition.leader());
            }
        }

        @Test
        @Order(3)
        void producesAndReadsThroughTheProxies() {
            write(0, 100);
            assertReadBack();
        }

        @Test
        @Order(4)
        void killedLeaderIsReplacedAndCatchesUpAfterRestart() {
            int leader = cluster.leader(TOPIC, 0);
            ClusterBroker victim = cluster.broker(leader);
            long t = System.nanoTime();
            victim.kill();
            assertThat(victim.isRunning()).isFalse();
            int newLeader = cluster.awaitNewLeader(TOPIC, 0, leader, FAILOVER);
            LOG.info("MEASURED {}: leader {} killed, broker {} leads after {} ms", version, leader, newLeader,
                    millisSince(t));
            assertThat(newLeader).isNotEqualTo(leader);
            write(100, 200); // two replicas in sync: acks=all with min.insync.replicas=2 still succeeds

            t = System.nanoTime();
            victim.start();
            LOG.info("MEASURED {}: killed broker {} serving again {} ms after start()", version, leader,
                    millisSince(t));
            t = System.nanoTime();
            cluster.awaitFullIsr(TOPIC, CATCH_UP);
            LOG.info("MEASURED {}: full ISR {} ms after the restart", version, millisSince(t));
            assertReadBack();
        }

        @Test
        @Order(5)
        void cleanlyStoppedLeaderHandsOverAndComesBack() {
            int leader = cluster.leader(TOPIC, 0);
            ClusterBroker broker = cluster.broker(leader);
            long t = System.nanoTime();
            broker.stop();
            LOG.info("MEASURED {}: leader {} stopped cleanly in {} ms", version, leader, millisSince(t));
            assertThat(broker.isRunning()).isFalse();
            int newLeader = cluster.awaitNewLeader(TOPIC, 0, leader, Duration.ofSeconds(10));
            assertThat(newLeader).isNotEqualTo(leader);
            write(200, 300);

            t = System.nanoTime();
            broker.start();
            LOG.info("MEASURED {}: stopped broker {} serving again {} ms after start()", version, leader,
                    millisSince(t));
            cluster.awaitFullIsr(TOPIC, CATCH_UP);
            LOG.info("MEASURED {}: full ISR {} ms after start() of the stopped broker", version, millisSince(t));
            assertReadBack();
        }

        @Test
        @Order(6)
        void pausedLeaderIsFencedAndRejoinsAfterResume() {
            int leader = cluster.leader(TOPIC, 0);
            ClusterBroker broker = cluster.broker(leader);
            long t = System.nanoTime();
            broker.pause();
            assertThat(broker.isPaused()).isTrue();
            assertThat(broker.isRunning()).isTrue();
            int newLeader = cluster.awaitNewLeader(TOPIC, 0, leader, FAILOVER);
            LOG.info("MEASURED {}: leader {} paused, broker {} leads after {} ms", version, leader, newLeader,
                    millisSince(t));
            write(300, 400);

            t = System.nanoTime();
            broker.resume();
            cluster.awaitFullIsr(TOPIC, CATCH_UP);
            LOG.info("MEASURED {}: full ISR {} ms after resume", version, millisSince(t));
            assertReadBack();
        }

        @Test
        @Order(7)
        void hardBouncedLeaderStartsAgainAtOnce() {
            int leader = cluster.leader(TOPIC, 0);
            ClusterBroker broker = cluster.broker(leader);
            long t = System.nanoTime();
            broker.kill();
            broker.start(); // ZooKeeper releases: waits until the old session's /brokers/ids/N is gone
            LOG.info("MEASURED {}: leader {} killed and serving again {} ms later", version, leader, millisSince(t));
            assertThat(broker.isRunning()).isTrue();
            cluster.awaitFullIsr(TOPIC, CATCH_UP);
            LOG.info("MEASURED {}: full ISR {} ms after the kill", version, millisSince(t));
            write(400, 500);
            assertReadBack();
        }

        @Test
        @Order(8)
        void readerCarriesOnAfterTheProxiesCutItsConnections() throws InterruptedException {
            write(1_000, 21_000); // enough that the cut usually lands while kcat is still reading
            int expected = written.size() + 500;
            ClusterBroker leader = cluster.broker(cluster.leader(TOPIC, 0));
            try (ClusterKcat.Reader reader = ClusterKcat.startReader(cluster.bootstrapServers(), TOPIC, 0, expected)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (reader.count() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(reader.count()).as("records read before the cut").isPositive();
                long acceptedBefore = leader.proxy().stats().connectionsAccepted();
                assertThat(leader.proxy().stats().connectionsOpen()).as("connections to the leader").isPositive();
                int atCut = reader.count();
                long t = System.nanoTime();
                cluster.brokers().forEach(broker -> broker.proxy().cutConnections());
                write(500, 1000); // a new producer, through the same proxies
                List<String> read = reader.await(60);
                LOG.info("MEASURED {}: reader had {} of {} records at the cut, all {} {} ms after it", version,
                        atCut, expected - 500, read.size(), millisSince(t));
                assertThat(read).containsExactlyElementsOf(written);
                assertThat(leader.proxy().stats().connectionsAccepted()).as("reconnections")
                        .isGreaterThan(acceptedBefore);
            }
        }

        void write(int from, int to) {
            List<String> values = ClusterKcat.values("v", from, to);
            ClusterKcat.produce(cluster.bootstrapServers(), TOPIC, 0, values);
            written.addAll(values);
        }

        void assertReadBack() {
            List<ConsumedRecord> records = KcatReader.readToEnd(cluster.bootstrapServers(), TOPIC,
                    Duration.ofSeconds(60));
            List<String> partitionZero = records.stream().filter(r -> r.partition() == 0).map(ConsumedRecord::value)
                    .collect(Collectors.toList());
            assertThat(partitionZero).containsExactlyElementsOf(written);
        }
    }

    @Test
    void aBrokerThatCannotStartFailsTheClusterWithItsLogAndLeavesNothingBehind() {
        ClusterSpec spec = ClusterSpec.of("0.11.0.3").withConfig("num.network.threads", "not-a-number");
        assertThatThrownBy(() -> KafkaCluster.start(spec))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("of Kafka 0.11.0.3")
                .hasMessageContaining("not-a-number");
        // Other tests of this JVM keep shared single brokers running: look only at cluster processes.
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(command -> command.contains("legacy-kafka-cluster-"))
                .filter(command -> command.contains("kafka.Kafka") || command.contains("QuorumPeerMain")))
                .as("cluster broker and ZooKeeper processes left").isEmpty();
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
