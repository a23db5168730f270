package dev.legacykafka.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.CompressionType;
import dev.legacykafka.client.Header;
import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broker of the matrix, at every Produce version it takes: keyed records (some with null
 * keys or values), headers from v3 on, a codec per version, several batches per partition. What
 * the producer reports is checked against what an independent reader finds in the log: kcat for
 * every broker, and kafka-clients' consumer too where it supports the broker (2.1+).
 */
class ProduceAcrossBrokerVersionsIT {

    private static final int RECORDS = 300;
    private static final int PARTITIONS = 3;

    @BeforeAll
    static void startBrokers() {
        KafkaBrokers.startAll(BrokerMatrix.BROKERS.toArray(String[]::new));
    }

    static List<org.junit.jupiter.params.provider.Arguments> pairs() {
        return BrokerMatrix.everyBrokerAndProduceVersion();
    }

    @ParameterizedTest(name = "Kafka {0}, Produce v{1}")
    @MethodSource("pairs")
    @Timeout(120)
    void recordsArriveIntactInOrderWithTheRightFormat(String brokerVersion, int produceVersion) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(brokerVersion);
        CompressionType codec = codecFor(produceVersion);
        String topic = "matrix-v" + produceVersion + "-" + codec.name().toLowerCase();
        broker.createTopic(topic, PARTITIONS, Map.of());
        boolean recordBatch = produceVersion >= 3;
        boolean timestamps = produceVersion >= 2;
        long baseTime = System.currentTimeMillis() - 60_000;

        ProducerConfig config = ProducerConfig.builder()
                .bootstrapServers(broker.bootstrapServers())
                .clientId("matrix-" + produceVersion)
                .apiVersion(produceVersion)
                .brokerVersionFallback(BrokerMatrix.fallbackFor(brokerVersion))
                .compression(codec)
                .batchSize(2048) // several batches per partition, so order across batches is tested too
                .lingerMs(2)
                .maxBlockMs(20_000)
                .build();
        List<ProducerRecord> sent = new ArrayList<>();
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config)) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] key = i % 10 == 9 ? null : ("key-" + (i % 23)).getBytes(StandardCharsets.UTF_8);
                byte[] value = i == 150 ? null : ("value-" + i).getBytes(StandardCharsets.UTF_8);
                List<Header> headers = recordBatch
                        ? List.of(new Header("seq", Integer.toString(i).getBytes(StandardCharsets.UTF_8)),
                                  new Header("kind", "matrix".getBytes(StandardCharsets.UTF_8)))
                        : List.of();
                ProducerRecord record = new ProducerRecord(topic, null, key, value, baseTime + i, headers);
                sent.add(record);
                futures.add(producer.send(record));
            }
            producer.flush();
        }

        // Each record is recognised by where its send says it was written, never by its content.
        Map<String, Integer> indexAt = new HashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            SendResult result = futures.get(i).get(30, TimeUnit.SECONDS);
            ProducerRecord record = sent.get(i);
            assertThat(result.topic()).isEqualTo(topic);
            assertThat(result.produceVersion()).isEqualTo(produceVersion);
            assertThat(result.offset()).isNotNegative();
            assertThat(result.logStartOffset()).isEqualTo(produceVersion >= 5 ? 0L : -1L);
            if (record.key() != null) {
                // The default partitioner picks what kafka-clients picks for the same key.
                assertThat(result.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(record.key())) % PARTITIONS);
            }
            assertThat(indexAt.put(result.partition() + "@" + result.offset(), i))
                    .as("another record reported at partition %d offset %d", result.partition(), result.offset()).isNull();
        }

        // kcat reads every partition to its end: exactly the reported positions, no record missing, twice or extra.
        List<ConsumedRecord> read = KcatReader.readToEnd(broker, topic, Duration.ofSeconds(60));
        assertThat(read).extracting(r -> r.partition() + "@" + r.offset())
                .containsExactlyInAnyOrderElementsOf(indexAt.keySet());
        Map<Integer, List<ConsumedRecord>> byPartition = read.stream()
                .collect(Collectors.groupingBy(ConsumedRecord::partition));
        for (List<ConsumedRecord> records : byPartition.values()) {
            // Per-partition order: the log holds each partition's records in the order they were sent.
            List<Integer> indexes = records.stream().map(r -> indexAt.get(r.partition() + "@" + r.offset())).toList();
            assertThat(indexes).isSorted();
        }
        for (ConsumedRecord record : read) {
            int i = indexAt.get(record.partition() + "@" + record.offset());
            ProducerRecord original = sent.get(i);
            // Null stays null and is told apart from empty (kcat prints the length, -1 for null).
            assertThat(record.key()).as("key of record %d", i).isEqualTo(text(original.key()));
            assertThat(record.value()).as("value of record %d", i).isEqualTo(text(original.value()));
            if (timestamps) {
                assertThat(record.timestamp()).as("timestamp of record %d", i).isEqualTo(original.timestamp());
            }
            if (recordBatch) {
                assertThat(record.headers()).as("headers of record %d", i)
                        .containsExactly(Map.entry("seq", Integer.toString(i)), Map.entry("kind", "matrix"));
            } else {
                assertThat(record.headers()).isEmpty();
            }
        }

        assertStoredWithCodec(broker, topic, codec);

        if (!brokerVersion.startsWith("0.")) {
            assertThat(readWithKafkaClients(broker, topic)).isEqualTo(read.stream()
                    .map(r -> r.partition() + "/" + r.offset() + "/" + r.key() + "/" + r.value())
                    .sorted().toList());
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The broker stored every batch of the topic compressed with the codec the producer was
     * configured with (the topic's compression.type is the default, "producer", so the broker keeps
     * the producer's codec). Read from the broker's own log segments with kafka-clients' record
     * reader: batch attributes as the broker wrote them to disk, no consumer in between.
     */
    private static void assertStoredWithCodec(KafkaBroker broker, String topic, CompressionType codec) throws Exception {
        Path logs = broker.logDirectory().orElseThrow();
        Map<String, Integer> batchesByCodec = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            List<Path> segments;
            try (Stream<Path> files = Files.list(logs.resolve(topic + "-" + p))) {
                segments = files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
            }
            for (Path segment : segments) {
                try (FileRecords records = FileRecords.open(segment.toFile(), false)) {
                    for (RecordBatch batch : records.batches()) {
                        batchesByCodec.merge(batch.compressionType().name(), 1, Integer::sum);
                    }
                }
            }
        }
        assertThat(batchesByCodec).as("batches stored per codec").containsOnlyKeys(codec.name());
    }

    private static CompressionType codecFor(int produceVersion) {
        CompressionType[] legacy = {CompressionType.NONE, CompressionType.GZIP, CompressionType.SNAPPY, CompressionType.LZ4};
        CompressionType[] modern = {CompressionType.NONE, CompressionType.GZIP, CompressionType.SNAPPY, CompressionType.LZ4,
                CompressionType.ZSTD};
        return produceVersion >= 7 ? modern[produceVersion % modern.length] : legacy[produceVersion % legacy.length];
    }

    private static List<String> readWithKafkaClients(KafkaBroker broker, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // To the end offset of every partition, not to a count: extras and duplicates show.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                assertThat(System.nanoTime()).as("kafka-clients read %s to its end offsets %s in time", topic, ends)
                        .isLessThan(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.partition() + "/" + r.offset() + "/" + r.key() + "/" + r.value());
                }
            }
        }
        return seen.stream().sorted().toList();
    }
}
