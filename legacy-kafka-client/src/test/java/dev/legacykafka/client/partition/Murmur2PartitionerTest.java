package dev.legacykafka.client.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class Murmur2PartitionerTest {

    @Test
    void hashEqualsKafkaClientsMurmur2ForRandomKeysOfEveryLength() {
        Random random = new Random(20240601L);
        for (int length = 0; length < 64; length++) {
            for (int n = 0; n < 200; n++) {
                byte[] key = new byte[length];
                random.nextBytes(key);
                assertThat(Murmur2Partitioner.murmur2(key)).isEqualTo(Utils.murmur2(key));
            }
        }
    }

    @Test
    void keyedPartitionEqualsKafkaClientsChoice() {
        Murmur2Partitioner partitioner = new Murmur2Partitioner();
        Random random = new Random(7L);
        int[] partitionCounts = {1, 2, 3, 6, 7, 12, 50, 100, 1000, 4097};
        for (int i = 0; i < 20_000; i++) {
            byte[] key = new byte[random.nextInt(40)];
            random.nextBytes(key);
            int numPartitions = partitionCounts[i % partitionCounts.length];

            int ours = partitioner.partition("topic", key, numPartitions);

            assertThat(ours).isEqualTo(BuiltInPartitioner.partitionForKey(key, numPartitions))
                    .isEqualTo(Utils.toPositive(Utils.murmur2(key)) % numPartitions);
        }
    }

    @Test
    void knownVectors() {
        // Hashes from kafka-clients' own murmur2 test cases.
        assertThat(Murmur2Partitioner.murmur2("21".getBytes(StandardCharsets.UTF_8))).isEqualTo(-973932308);
        assertThat(Murmur2Partitioner.murmur2("foobar".getBytes(StandardCharsets.UTF_8))).isEqualTo(-790332482);
        assertThat(Murmur2Partitioner.murmur2("a-little-bit-long-string".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-985981536);
        assertThat(Murmur2Partitioner.murmur2(new byte[0])).isEqualTo(275646681);
    }

    @Test
    void nullKeysStickUntilANewBatchStarts() {
        Murmur2Partitioner partitioner = new Murmur2Partitioner();
        int first = partitioner.partition("t", null, 10);
        for (int i = 0; i < 100; i++) {
            assertThat(partitioner.partition("t", null, 10)).isEqualTo(first);
        }

        partitioner.onNewBatch("t", first);

        int second = partitioner.partition("t", null, 10);
        assertThat(second).isNotEqualTo(first).isBetween(0, 9);
    }

    @Test
    void nullKeysGoToTheGivenStrategy() {
        Partitioner alwaysThree = (topic, key, numPartitions) -> 3;
        Murmur2Partitioner partitioner = new Murmur2Partitioner(alwaysThree);

        assertThat(partitioner.partition("t", null, 10)).isEqualTo(3);
        assertThat(partitioner.partition("t", new byte[] {1}, 10))
                .isEqualTo(BuiltInPartitioner.partitionForKey(new byte[] {1}, 10));
    }

    @Test
    void stickyNullKeysStillVisitEveryPartition() {
        Murmur2Partitioner partitioner = new Murmur2Partitioner();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            int partition = partitioner.partition("t", null, 5);
            seen.add(partition);
            partitioner.onNewBatch("t", partition);
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void rejectsNonPositivePartitionCounts() {
        assertThatThrownBy(() -> new Murmur2Partitioner().partition("t", new byte[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
