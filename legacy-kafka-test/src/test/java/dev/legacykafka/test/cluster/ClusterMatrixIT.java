package dev.legacykafka.test.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every release a {@link KafkaCluster} supports, one cluster after the other: it starts, a topic
 * with replication factor 3 is fully in sync, records go through the proxies, and a hard bounce of
 * a leader is survived. Only with {@code -Dlegacykafka.chaos=true} (or {@code -Pchaos}): about
 * a minute per release.
 */
@EnabledIfSystemProperty(named = "legacykafka.chaos", matches = "true")
class ClusterMatrixIT {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMatrixIT.class);

    @ParameterizedTest
    @ValueSource(strings = {"0.10.2.2", "0.11.0.3", "2.8.2", "3.9.1", "4.4.0"})
    void startsReplicatesAndSurvivesAHardBounceOfALeader(String version) {
        long t = System.nanoTime();
        try (KafkaCluster cluster = KafkaCluster.start(ClusterSpec.of(version))) {
            LOG.info("MEASURED {}: cluster of 3 started in {} ms", version, millisSince(t));
            cluster.createTopic("matrix", 2, 3, Map.of());
            assertThat(cluster.partitions("matrix")).hasSize(2).allMatch(PartitionState::hasFullIsr);
            List<String> before = ClusterKcat.values("a", 0, 50);
            ClusterKcat.produce(cluster.bootstrapServers(), "matrix", 0, before);

            int leader = cluster.leader("matrix", 0);
            t = System.nanoTime();
            cluster.broker(leader).kill();
            int newLeader = cluster.awaitNewLeader("matrix", 0, leader, Duration.ofSeconds(45));
            LOG.info("MEASURED {}: leader {} killed, broker {} leads after {} ms", version, leader, newLeader,
                    millisSince(t));
            List<String> during = ClusterKcat.values("b", 0, 50);
            ClusterKcat.produce(cluster.bootstrapServers(), "matrix", 0, during);

            t = System.nanoTime();
            cluster.broker(leader).start();
            LOG.info("MEASURED {}: killed broker {} serving again {} ms after start()", version, leader,
                    millisSince(t));
            cluster.awaitFullIsr("matrix", Duration.ofSeconds(60));
            LOG.info("MEASURED {}: full ISR {} ms after start()", version, millisSince(t));

            List<String> read = KcatReader.readToEnd(cluster.bootstrapServers(), "matrix", Duration.ofSeconds(60))
                    .stream().filter(r -> r.partition() == 0).map(ConsumedRecord::value).collect(Collectors.toList());
            assertThat(read).hasSize(100).startsWith(before.toArray(String[]::new))
                    .endsWith(during.toArray(String[]::new));
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
