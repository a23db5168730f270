package dev.legacykafka.client.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.test.cluster.ClusterBroker;
import dev.legacykafka.test.cluster.KafkaCluster;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak of the {@code chaos} profile: at least a million acks=all idempotent records on a
 * 3-broker 4.4.0 cluster while, in turn, the leader of a random partition is killed and started
 * again, and a random broker's connections are cut by its proxy. Read back whole by kcat; the
 * figures (records, bounces, cuts, lost, duplicated, longest stall) are logged for the README.
 * The schedule is seeded: {@code -Dlegacykafka.soak.seed=N} replays one.
 */
@EnabledIfSystemProperty(named = "legacykafka.chaos", matches = "true")
class ClusterSoakIT {

    private static final Logger log = LoggerFactory.getLogger(ClusterSoakIT.class);
    private static final int RECORDS = Integer.getInteger("legacykafka.soak.records", 1_000_000);
    private static final int RATE = Integer.getInteger("legacykafka.soak.rate", 8_000);
    private static KafkaCluster cluster;

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aMillionIdempotentRecordsThroughHardBouncesAndCuts() throws Exception {
        long seed = Long.getLong("legacykafka.soak.seed", System.nanoTime());
        log.info("Soak seed {} (replay with -Dlegacykafka.soak.seed={})", seed, seed);
        Random random = new Random(seed);
        cluster = KafkaCluster.start("4.4.0");
        String topic = "soak";
        int partitions = 6;
        cluster.createTopic(topic, partitions, 3);
        int bounces = 0;
        int cuts = 0;
        List<SteadyTraffic.Sent> sends;
        long stall;
        long started = System.nanoTime();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(ClusterFaultsIT.config(cluster, "soak")
                .batchSize(64 * 1024).build());
             SteadyTraffic traffic = new SteadyTraffic(producer, topic, partitions, RATE).start()) {
            traffic.awaitMoreAcknowledged(5_000, Duration.ofSeconds(60));
            while (traffic.sent() < RECORDS) {
                if (random.nextBoolean()) {
                    int partition = random.nextInt(partitions);
                    int leader = cluster.leader(topic, partition);
                    ClusterBroker broker = cluster.broker(leader);
                    broker.kill();
                    cluster.awaitNewLeader(topic, partition, leader, Duration.ofSeconds(60));
                    traffic.awaitMoreAcknowledged(2_000, Duration.ofSeconds(60));
                    broker.start();
                    cluster.awaitFullIsr(topic, Duration.ofSeconds(120));
                    bounces++;
                } else {
                    cluster.brokers().get(random.nextInt(cluster.brokers().size())).proxy().cutConnections();
                    cuts++;
                }
                traffic.awaitMoreAcknowledged(10_000 + random.nextInt(20_000), Duration.ofSeconds(90));
                log.info("Soak: {} sent, {} acknowledged, {} bounces, {} cuts", traffic.sent(), traffic.acknowledged(),
                        bounces, cuts);
            }
            sends = traffic.stopAndAwait(Duration.ofSeconds(150));
            stall = traffic.longestStallMs();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        DeliveryVerdict verdict = DeliveryVerdict.of(sends, KcatReader.readToEnd(cluster.bootstrapServers(), topic,
                Duration.ofSeconds(300)));
        log.info("SOAK RESULT Kafka 4.4.0 x3, RF 3, minISR 2, acks=all, idempotent, {} partitions, {} s: {}; {} hard "
                + "bounces, {} proxy cuts, longest stall {} ms", partitions, seconds, verdict, bounces, cuts, stall);
        assertThat(verdict.holds(true)).as(verdict.toString()).isTrue();
        assertThat(verdict.failed()).as(verdict.toString()).isZero();
        assertThat(verdict.acknowledged()).isGreaterThanOrEqualTo(RECORDS);
    }
}
