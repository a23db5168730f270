package dev.legacykafka.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.ConsumedOffset;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.ProducerFencedException;
import dev.legacykafka.client.errors.TransactionStateException;
import dev.legacykafka.client.errors.UnsupportedVersionException;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real transactions on every broker that has them, checked with read_committed and read_uncommitted readers. */
@Timeout(180)
class TransactionsIT {

    private static ProducerConfig.Builder config(KafkaBroker broker, String transactionalId) {
        return ProducerConfig.builder().bootstrapServers(broker.bootstrapServers()).transactionalId(transactionalId)
                .clientId(transactionalId).maxBlockMs(20_000);
    }

    @ParameterizedTest(name = "Kafka {0}")
    @ValueSource(strings = {"0.11.0.3", "2.8.2", "3.9.1", "4.4.0"})
    void committedRecordsAreVisibleAndAbortedOnesOnlyToReadUncommitted(String brokerVersion) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(brokerVersion);
        String topic = "txn-" + brokerVersion.replace('.', '-');
        broker.createTopic(topic, 2, Map.of());
        List<CompletableFuture<SendResult>> committed = new ArrayList<>();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config(broker, "txn-" + brokerVersion).build())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                committed.add(producer.send(ProducerRecord.of(topic, ("k" + i).getBytes(), ("commit-" + i).getBytes())));
            }
            producer.commitTransaction();

            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(ProducerRecord.of(topic, ("k" + i).getBytes(), ("abort-" + i).getBytes())).get(30, TimeUnit.SECONDS);
            }
            producer.abortTransaction();

            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                committed.add(producer.send(ProducerRecord.of(topic, ("k" + i).getBytes(), ("again-" + i).getBytes())));
            }
            producer.commitTransaction();
        }
        for (CompletableFuture<SendResult> future : committed) {
            assertThat(future).isCompleted();
            assertThat(future.get().offset()).isNotNegative();
        }
        List<String> readCommitted = values(KcatReader.readToEnd(broker, topic, Duration.ofSeconds(30), true));
        List<String> readUncommitted = values(KcatReader.readToEnd(broker, topic, Duration.ofSeconds(30), false));
        assertThat(readCommitted).hasSize(15).allSatisfy(v -> assertThat(v).doesNotStartWith("abort-"));
        assertThat(readUncommitted).hasSize(25).filteredOn(v -> v.startsWith("abort-")).hasSize(10);
    }

    @ParameterizedTest(name = "Kafka {0}")
    @ValueSource(strings = {"0.11.0.3", "2.8.2", "3.9.1", "4.4.0"})
    void aSecondProducerWithTheSameIdFencesTheFirst(String brokerVersion) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(brokerVersion);
        String topic = "fence-" + brokerVersion.replace('.', '-');
        broker.createTopic(topic, 1, Map.of());
        String id = "fenced-" + brokerVersion;
        try (LegacyKafkaProducer first = new LegacyKafkaProducer(config(broker, id).clientId(id + "-1").build());
             LegacyKafkaProducer second = new LegacyKafkaProducer(config(broker, id).clientId(id + "-2").build())) {
            first.initTransactions();
            first.beginTransaction();
            first.send(ProducerRecord.of(topic, "from-first".getBytes())).get(30, TimeUnit.SECONDS);

            second.initTransactions(); // aborts the first one's open transaction and bumps the epoch

            assertThatThrownBy(first::commitTransaction)
                    .isInstanceOf(ProducerFencedException.class)
                    .hasMessageContaining("fenced");
            assertThatThrownBy(first::beginTransaction).isInstanceOf(ProducerFencedException.class);

            second.beginTransaction();
            second.send(ProducerRecord.of(topic, "from-second".getBytes())).get(30, TimeUnit.SECONDS);
            second.commitTransaction();
        }
        assertThat(values(KcatReader.readToEnd(broker, topic, Duration.ofSeconds(30), true)))
                .containsExactly("from-second");
    }

    @ParameterizedTest(name = "Kafka {0}")
    @ValueSource(strings = {"2.8.2", "3.9.1", "4.4.0"})
    void offsetsSentToACommittedTransactionAreTheGroupsCommittedOffsets(String brokerVersion) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(brokerVersion);
        String input = "ctp-in-" + brokerVersion.replace('.', '-');
        String output = "ctp-out-" + brokerVersion.replace('.', '-');
        broker.createTopic(input, 1, Map.of());
        broker.createTopic(output, 1, Map.of());
        String group = "ctp-group-" + brokerVersion;
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config(broker, "ctp-" + brokerVersion).build())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(ProducerRecord.of(output, "transformed".getBytes()));
            producer.sendOffsetsToTransaction(List.of(new ConsumedOffset(input, 0, 42)), group);
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(ProducerRecord.of(output, "dropped".getBytes()));
            producer.sendOffsetsToTransaction(List.of(new ConsumedOffset(input, 0, 99)), group);
            producer.abortTransaction();
        }
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertThat(offsets.get(new org.apache.kafka.common.TopicPartition(input, 0)).offset()).isEqualTo(42);
        }
        assertThat(values(KcatReader.readToEnd(broker, output, Duration.ofSeconds(30), true))).containsExactly("transformed");
    }

    /**
     * The README's "transactions v2 on 4.4.0": the cluster finalized {@code transaction.version} 2 (asked with
     * kafka-clients' Admin, not with our handshake), the producer chose v2 there and v1 on 3.9.1 (KRaft with
     * finalized features, but no transaction.version 2), and its records went out as Produce v12+ (what v2 requires).
     */
    @ParameterizedTest(name = "Kafka {0}")
    @ValueSource(strings = {"3.9.1", "4.4.0"})
    void transactionsV2OnKafka4WithTransactionVersion2AndV1Before(String brokerVersion) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(brokerVersion);
        String topic = "txn-version-" + brokerVersion.replace('.', '-');
        broker.createTopic(topic, 1, Map.of());
        boolean expectV2 = brokerVersion.equals("4.4.0");

        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            var features = admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS).finalizedFeatures();
            var transactionVersion = features.get("transaction.version");
            short finalized = transactionVersion == null ? 0 : transactionVersion.maxVersionLevel();
            assertThat(finalized >= 2).as("transaction.version finalized on " + brokerVersion + ": " + finalized)
                    .isEqualTo(expectV2);
        }

        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config(broker, "txn-version-" + brokerVersion).build())) {
            producer.initTransactions();
            producer.beginTransaction();
            SendResult result = producer.send(ProducerRecord.of(topic, "v".getBytes())).get(30, TimeUnit.SECONDS);
            producer.commitTransaction();
            assertThat(usesTransactionsV2(producer)).as("transactions v2 on " + brokerVersion).isEqualTo(expectV2);
            if (expectV2) {
                assertThat(result.produceVersion()).isGreaterThanOrEqualTo(12);
            }
        }
        assertThat(values(KcatReader.readToEnd(broker, topic, Duration.ofSeconds(30), true))).containsExactly("v");
    }

    /** The producer's transaction manager is internal; the test reads its choice rather than widen the API. */
    private static boolean usesTransactionsV2(LegacyKafkaProducer producer) throws Exception {
        Class<?> managerType = Class.forName("dev.legacykafka.client.internals.TransactionManager");
        Object manager = find(producer, managerType, 4, new java.util.IdentityHashMap<>());
        assertThat(manager).as("the producer's TransactionManager").isNotNull();
        java.lang.reflect.Method method = managerType.getDeclaredMethod("isTransactionsV2");
        method.setAccessible(true);
        return (Boolean) method.invoke(manager);
    }

    private static Object find(Object from, Class<?> type, int depth, java.util.IdentityHashMap<Object, Boolean> seen)
            throws IllegalAccessException {
        if (from == null || depth < 0 || seen.put(from, Boolean.TRUE) != null) {
            return null;
        }
        if (type.isInstance(from)) {
            return from;
        }
        for (Class<?> c = from.getClass(); c != null && c.getName().startsWith("dev.legacykafka."); c = c.getSuperclass()) {
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                Object value = field.get(from);
                if (value != null && value.getClass().getName().startsWith("dev.legacykafka.")) {
                    Object found = find(value, type, depth - 1, seen);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void stateErrorsSayWhatToCall() throws Exception {
        KafkaBroker broker = KafkaBrokers.shared("4.4.0");
        broker.createTopic("txn-state", 1, Map.of());
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config(broker, "txn-state").build())) {
            assertThatThrownBy(producer::beginTransaction).isInstanceOf(TransactionStateException.class)
                    .hasMessageContaining("initTransactions()");
            producer.initTransactions();
            assertThatThrownBy(() -> producer.send(ProducerRecord.of("txn-state", "x".getBytes())).get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(TransactionStateException.class).hasMessageContaining("beginTransaction()");
            assertThatThrownBy(producer::commitTransaction).isInstanceOf(TransactionStateException.class)
                    .hasMessageContaining("beginTransaction()");
            producer.beginTransaction();
            assertThatThrownBy(producer::beginTransaction).isInstanceOf(TransactionStateException.class)
                    .hasMessageContaining("commit or abort");
            producer.abortTransaction();
        }
    }

    @Test
    void brokersBeforeTransactionsAreRefusedAtInitTransactions() {
        KafkaBroker broker = KafkaBrokers.shared("0.10.2.2");
        broker.createTopic("txn-old", 1, Map.of());
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config(broker, "txn-old").build())) {
            assertThatThrownBy(producer::initTransactions)
                    .isInstanceOf(UnsupportedVersionException.class)
                    .hasMessageContaining("0.11");
        }
    }

    private static List<String> values(List<ConsumedRecord> records) {
        return records.stream().map(ConsumedRecord::value).toList();
    }
}
