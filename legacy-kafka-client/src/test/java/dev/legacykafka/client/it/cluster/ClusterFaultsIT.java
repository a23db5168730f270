package dev.legacykafka.client.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.test.KafkaVersion;
import dev.legacykafka.test.cluster.ClusterBroker;
import dev.legacykafka.test.cluster.KafkaCluster;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery on a real 3-broker cluster (replication factor 3, min.insync.replicas 2, acks=all)
 * under the faults of Kafka's own replication system tests, with steady traffic of about 1000
 * records a second, read back by kcat through the same proxies the producer used. With
 * idempotence (0.11+): every acknowledged record once, at its acknowledged offset, in send order;
 * before 0.11: every acknowledged record at least once, duplicates counted.
 *
 * <p>{@code verify} runs a representative subset (ZooKeeper 2.8.2 and KRaft 4.4.0; hard bounces of
 * the leader and lost responses). With {@code -Dlegacykafka.chaos=true} (the {@code chaos}
 * profile) every scenario runs on 0.10.2.2, 0.11.0.3, 2.8.2, 3.9.1 and 4.4.0;
 * {@code -Dlegacykafka.chaos.versions=2.8.2,4.4.0} picks releases.
 */
class ClusterFaultsIT {

    private static final Logger log = LoggerFactory.getLogger(ClusterFaultsIT.class);
    static final boolean CHAOS = Boolean.getBoolean("legacykafka.chaos");
    private static final short PRODUCE = 0;
    private static final int RATE = 1_000;
    private static final Duration FAILOVER = Duration.ofSeconds(60);
    private static final AtomicInteger topics = new AtomicInteger();
    private static KafkaCluster cluster;

    static List<String> versions() {
        String chosen = System.getProperty("legacykafka.chaos.versions");
        if (chosen != null && !chosen.isBlank()) {
            return List.of(chosen.split(","));
        }
        return CHAOS ? List.of("0.10.2.2", "0.11.0.3", "2.8.2", "3.9.1", "4.4.0") : List.of("2.8.2", "4.4.0");
    }

    @TestFactory
    Stream<DynamicNode> faultsOnAThreeBrokerCluster() {
        return versions().stream().map(version -> dynamicContainer("Kafka " + version + " x3", scenarios(version)));
    }

    private Stream<DynamicNode> scenarios(String version) {
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(dynamicTest("hard bounces of the leader", () -> bounces(version, false, CHAOS ? 3 : 1)));
        tests.add(dynamicTest("responses lost after the broker wrote the batch", () -> lostResponses(version)));
        if (CHAOS) {
            tests.add(dynamicTest("clean bounces of the leader", () -> bounces(version, true, 3)));
            tests.add(dynamicTest("leader cut off and paused until the cluster elects another",
                    () -> leaderCutOff(version)));
            tests.add(dynamicTest("two of three brokers down: not enough in-sync replicas",
                    () -> notEnoughReplicas(version)));
            if (idempotent(version)) {
                tests.add(dynamicTest("transactions through a rolling hard bounce of every broker",
                        () -> ClusterTransactions.underRollingHardBounce(cluster(version), newTopic("transactions"))));
            }
        }
        return tests.stream().map(DynamicNode.class::cast);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The one cluster of this version; another version's cluster is stopped first (one at a time fits 2 cores). */
    static KafkaCluster cluster(String version) {
        if (cluster != null && !cluster.version().toString().equals(version)) {
            stopCluster();
        }
        if (cluster == null) {
            cluster = KafkaCluster.start(version);
        }
        return cluster;
    }

    static boolean idempotent(String version) {
        return KafkaVersion.parse(version).atLeast("0.11");
    }

    static ProducerConfig.Builder config(KafkaCluster cluster, String clientId) {
        return ProducerConfig.builder()
                .bootstrapServers(cluster.bootstrapServers())
                .clientId(clientId)
                .lingerMs(5)
                .batchSize(16 * 1024)
                .requestTimeoutMs(5_000)
                .deliveryTimeoutMs(120_000)
                .retryBackoffMs(50)
                .retryBackoffMaxMs(500)
                .metadataMaxAgeMs(30_000);
    }

    private static String newTopic(String scenario) {
        return scenario + "-" + topics.incrementAndGet();
    }

    /** Leader stopped (cleanly or with SIGKILL) and started again, {@code times} in a row, following the leader. */
    private void bounces(String version, boolean clean, int times) throws Exception {
        KafkaCluster cluster = cluster(version);
        String topic = newTopic(clean ? "clean-bounce" : "hard-bounce");
        cluster.createTopic(topic, 3, 3);
        List<SteadyTraffic.Sent> sends;
        long stall;
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config(cluster, topic).build());
             SteadyTraffic traffic = new SteadyTraffic(producer, topic, 3, RATE).start()) {
            traffic.awaitMoreAcknowledged(500, FAILOVER);
            for (int bounce = 0; bounce < times; bounce++) {
                int leader = cluster.leader(topic, 0);
                ClusterBroker broker = cluster.broker(leader);
                if (clean) {
                    broker.stop();
                } else {
                    broker.kill();
                }
                int newLeader = cluster.awaitNewLeader(topic, 0, leader, FAILOVER);
                traffic.awaitMoreAcknowledged(500, FAILOVER);
                broker.start();
                cluster.awaitFullIsr(topic, Duration.ofSeconds(120));
                log.info("Kafka {}: bounce {} of leader {} ({}), new leader {}; {} acknowledged so far", version, bounce + 1,
                        leader, clean ? "clean" : "SIGKILL", newLeader, traffic.acknowledged());
            }
            traffic.awaitMoreAcknowledged(300, FAILOVER);
            sends = traffic.stopAndAwait(Duration.ofSeconds(150));
            stall = traffic.longestStallMs();
        }
        DeliveryVerdict verdict = DeliveryVerdict.of(sends, KcatReader.readToEnd(cluster.bootstrapServers(), topic,
                Duration.ofSeconds(90)));
        log.info("Kafka {} x3, {} {} bounces of the leader: {}; longest stall {} ms", version, times,
                clean ? "clean" : "hard", verdict, stall);
        assertThat(verdict.holds(idempotent(version))).as(verdict.toString()).isTrue();
        assertThat(verdict.failed()).as("sends failed while two of three brokers were up: %s", verdict).isZero();
    }

    /** The leader's proxy swallows Produce responses after the broker wrote the batches, then drops the connection. */
    private void lostResponses(String version) throws Exception {
        KafkaCluster cluster = cluster(version);
        String topic = newTopic("lost-responses");
        cluster.createTopic(topic, 3, 3);
        List<SteadyTraffic.Sent> sends;
        int dropped;
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config(cluster, topic).build());
             SteadyTraffic traffic = new SteadyTraffic(producer, topic, 3, RATE).start()) {
            traffic.awaitMoreAcknowledged(500, FAILOVER);
            ClusterBroker leader = cluster.broker(cluster.leader(topic, 0));
            leader.proxy().dropResponses(PRODUCE, 5);
            dropped = leader.proxy().awaitDroppedResponses(5, FAILOVER);
            traffic.awaitMoreAcknowledged(500, FAILOVER);
            sends = traffic.stopAndAwait(Duration.ofSeconds(150));
        }
        DeliveryVerdict verdict = DeliveryVerdict.of(sends, KcatReader.readToEnd(cluster.bootstrapServers(), topic,
                Duration.ofSeconds(90)));
        log.info("Kafka {} x3, {} Produce responses lost after the append: {}", version, dropped, verdict);
        assertThat(verdict.holds(idempotent(version))).as(verdict.toString()).isTrue();
        assertThat(verdict.failed()).as(verdict.toString()).isZero();
        if (!idempotent(version)) {
            assertThat(verdict.duplicates()).as("without idempotence a retried batch is written twice: %s", verdict).isPositive();
        }
    }

    /**
     * The leader's proxy swallows everything and the leader is paused (SIGSTOP): a partitioned host.
     * The producer's requests time out, the rest of the cluster elects a new leader, and traffic
     * moves there; then the old leader returns and catches up.
     */
    private void leaderCutOff(String version) throws Exception {
        KafkaCluster cluster = cluster(version);
        String topic = newTopic("cut-off");
        cluster.createTopic(topic, 3, 3);
        List<SteadyTraffic.Sent> sends;
        long stall;
        boolean healed = true;
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config(cluster, topic).requestTimeoutMs(3_000).build());
             SteadyTraffic traffic = new SteadyTraffic(producer, topic, 3, RATE).start()) {
            traffic.awaitMoreAcknowledged(500, FAILOVER);
            int leader = cluster.leader(topic, 0);
            ClusterBroker broker = cluster.broker(leader);
            broker.proxy().blackhole(true);
            broker.pause();
            try {
                cluster.awaitNewLeader(topic, 0, leader, FAILOVER);
                traffic.awaitMoreAcknowledged(1_000, FAILOVER);
            } finally {
                broker.resume();
                broker.proxy().blackhole(false);
            }
            try {
                cluster.awaitFullIsr(topic, Duration.ofSeconds(60));
            } catch (IllegalStateException notHealed) {
                // Seen on 2.8.2 when the paused broker was the controller: after it resumed, a partition's ISR
                // stayed short for minutes, a restart of that broker did not help. The cluster's affair, not the
                // producer's: traffic goes on with two in-sync replicas, and the next scenario gets a new cluster.
                log.warn("Kafka {}: the ISR did not heal after broker {} resumed ({}); replacing the cluster after this "
                        + "scenario. The broker's log:\n{}", version, leader, notHealed.getMessage(), broker.logTail(40));
                healed = false;
            }
            traffic.awaitMoreAcknowledged(300, FAILOVER);
            sends = traffic.stopAndAwait(Duration.ofSeconds(150));
            stall = traffic.longestStallMs();
        }
        DeliveryVerdict verdict = DeliveryVerdict.of(sends, KcatReader.readToEnd(cluster.bootstrapServers(), topic,
                Duration.ofSeconds(90)));
        log.info("Kafka {} x3, leader cut off: {}; longest stall {} ms", version, verdict, stall);
        if (!healed) {
            stopCluster();
        }
        assertThat(verdict.holds(idempotent(version))).as(verdict.toString()).isTrue();
        assertThat(verdict.failed()).as(verdict.toString()).isZero();
    }

    /**
     * Two of three brokers stopped: acks=all sends cannot meet min.insync.replicas=2 and fail, each
     * naming NOT_ENOUGH_REPLICAS or the delivery timeout; once the brokers are back, new sends from the
     * same producer succeed.
     */
    private void notEnoughReplicas(String version) throws Exception {
        KafkaCluster cluster = cluster(version);
        String topic = newTopic("not-enough-replicas");
        cluster.createTopic(topic, 1, 3);
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config(cluster, topic).requestTimeoutMs(3_000)
                .deliveryTimeoutMs(10_000).build())) {
            List<SteadyTraffic.Sent> before = sendAndAwait(producer, topic, 0, 50);
            assertThat(before).allSatisfy(sent -> assertThat(sent.future()).isCompleted());
            List<ClusterBroker> stopped = new ArrayList<>();
            for (ClusterBroker broker : cluster.brokers()) {
                if (stopped.size() < 2 && broker.id() != cluster.leader(topic, 0)) {
                    stopped.add(broker);
                }
            }
            stopped.forEach(ClusterBroker::stop);
            List<SteadyTraffic.Sent> during = sendAndAwait(producer, topic, 50, 20);
            for (SteadyTraffic.Sent sent : during) {
                assertThat(sent.future()).isCompletedExceptionally();
                String message = DeliveryVerdict.failureMessage(sent);
                assertThat(message).as("the failure names the cause").containsAnyOf("NOT_ENOUGH_REPLICAS", "delivery-timeout");
            }
            log.info("Kafka {} x3, two brokers down: 20 sends failed, e.g. {}", version,
                    DeliveryVerdict.failureMessage(during.get(0)));
            stopped.forEach(ClusterBroker::start);
            cluster.awaitFullIsr(topic, Duration.ofSeconds(120));
            List<SteadyTraffic.Sent> after = sendAndAwait(producer, topic, 70, 50);
            assertThat(after).as("sends after the brokers returned").allSatisfy(sent ->
                    assertThat(sent.future()).isCompleted());
        }
    }

    private static List<SteadyTraffic.Sent> sendAndAwait(LegacyKafkaProducer producer, String topic, int firstIndex,
                                                         int count) throws InterruptedException {
        List<SteadyTraffic.Sent> sends = new ArrayList<>();
        for (int i = firstIndex; i < firstIndex + count; i++) {
            sends.add(new SteadyTraffic.Sent(i, 0, producer.send(new dev.legacykafka.client.ProducerRecord(topic, 0,
                    ("k-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    ("v-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8), null, null))));
        }
        for (SteadyTraffic.Sent sent : sends) {
            try {
                sent.future().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // asserted by the caller
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("send " + sent.index() + " has no outcome after 60 s", e);
            }
        }
        return sends;
    }
}
