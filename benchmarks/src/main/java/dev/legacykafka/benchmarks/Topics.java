package dev.legacykafka.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Creates the run topics and counts what landed in them, through kafka-clients' Admin. An Admin
 * lives only for one call: its thread must not run (and allocate) during a measured window, and
 * must not end inside one either.
 */
final class Topics {

    private static final long TIMEOUT_SECONDS = 60;

    private final String bootstrapServers;
    /** The null broker whose topics these are, or null for a real broker. */
    private final NullBrokerProcess nullBroker;

    Topics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.nullBroker = null;
    }

    /** The topics of a null broker: created and counted through its command channel. */
    Topics(NullBrokerProcess nullBroker) {
        this.bootstrapServers = nullBroker.bootstrapServers();
        this.nullBroker = nullBroker;
    }

    /** Creates the topic (replication factor 1) and waits until every partition has a leader. */
    void create(String topic, int partitions) throws InterruptedException {
        if (nullBroker != null) {
            nullBroker.createTopic(topic, partitions);
            return;
        }
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

    /** The sum of the log end offsets of the topic's partitions: how many records it holds. */
    long endOffsetSum(String topic, int partitions) throws InterruptedException {
        if (nullBroker != null) {
            return nullBroker.recordCount(topic);
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try (Admin admin = admin()) {
            return admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the end offsets of " + topic + ": " + e, e);
        }
    }

    /**
     * Deletes a run's topic once it is counted, so that a run of 40 topics keeps neither gigabytes of
     * logs nor dirty pages that the kernel would write back during a later measured run. Best effort:
     * a broker that refuses leaves the topic, which changes no figure.
     */
    void deleteQuietly(String topic) throws InterruptedException {
        if (nullBroker != null) {
            return;
        }
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("Topic " + topic + " not deleted (its log stays on the broker): " + e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "benchmark-admin"));
    }
}
