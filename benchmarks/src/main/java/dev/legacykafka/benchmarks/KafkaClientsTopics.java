package dev.legacykafka.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@link TopicAdmin} through kafka-clients, of whichever line loaded this class (4.x from the
 * classpath, or 3.9.1 in {@link IsolatedKafkaClients} for brokers before 2.1, which 4.x refuses):
 * topics through the Admin, end offsets through a consumer (the Admin's ListOffsets path asks for
 * metadata without topic auto-creation, Metadata v4, which brokers before 1.0 lack). Uses only JDK
 * types towards the harness. An Admin or consumer lives only for one call: its threads must not run
 * (and allocate) during a measured window, and must not end inside one either.
 */
public final class KafkaClientsTopics implements TopicAdmin {

    private static final long TIMEOUT_SECONDS = 60;

    private final String bootstrapServers;

    /** @param bootstrapServers the broker's PLAINTEXT listener */
    public KafkaClientsTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void create(String topic, int partitions) throws InterruptedException {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (true) {
                try {
                    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
                    if (description.partitions().size() == partitions
                            && description.partitions().stream().map(TopicPartitionInfo::leader)
                                    .allMatch(leader -> leader != null && !leader.isEmpty())) {
                        return;
                    }
                } catch (ExecutionException e) {
                    // Metadata may lag the creation for a moment: ask again.
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Topic " + topic + " has no leader for every partition after "
                            + TIMEOUT_SECONDS + " s");
                }
                Thread.sleep(50);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topic " + topic + ": " + e, e);
        }
    }

    @Override
    public long endOffsetSum(String topic, int partitions) throws InterruptedException {
        List<TopicPartition> request = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            request.add(new TopicPartition(topic, p));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "benchmark-offsets"),
                // Instances, not class names: a name would be looked up in the context class loader.
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(request, Duration.ofSeconds(TIMEOUT_SECONDS)).values().stream()
                    .mapToLong(Long::longValue).sum();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read the end offsets of " + topic + ": " + e, e);
        }
    }

    @Override
    public void delete(String topic) throws InterruptedException {
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot delete topic " + topic + ": " + e, e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "benchmark-admin"));
    }
}
