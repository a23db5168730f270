package dev.legacykafka.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.RecordError;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.BrokerErrorException;
import dev.legacykafka.client.errors.RecordErrorException;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What brokers answer, triggered for real: throttle_time_ms under a client quota, and
 * record_errors (Produce v8+) for records the broker refuses, where only the offending records
 * fail and the rest of their batch is written.
 */
@Timeout(180)
class BrokerAnswersIT {

    @ParameterizedTest(name = "Kafka {0}, Produce v{1}")
    @CsvSource({"0.9.0.1, 1", "0.10.2.2, 2", "0.11.0.3, 3", "2.8.2, 9", "3.9.1, 11", "4.4.0, 13"})
    void throttleTimeUnderAClientQuotaReachesResultsAndListener(String brokerVersion, int produceVersion) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(brokerVersion);
        String clientId = "throttled-" + produceVersion + "-" + System.nanoTime();
        String topic = "throttle-" + produceVersion;
        broker.createTopic(topic, 1, Map.of());
        broker.setClientQuota(clientId, 2048);
        // The listener runs on the producer's network thread: it only collects, the test thread asserts.
        List<String> heardBrokers = new CopyOnWriteArrayList<>();
        List<Integer> heard = new CopyOnWriteArrayList<>();
        ProducerConfig config = ProducerConfig.builder()
                .bootstrapServers(broker.bootstrapServers())
                .clientId(clientId)
                .apiVersion(produceVersion)
                .brokerVersionFallback(BrokerMatrix.fallbackFor(brokerVersion))
                .acks("1")
                .build();
        List<SendResult> results = new ArrayList<>();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config, new ProducerListener() {
            @Override
            public void onThrottle(String brokerAddress, int throttleTimeMs) {
                heardBrokers.add(brokerAddress);
                heard.add(throttleTimeMs);
            }
        })) {
            // The broker puts a new quota in force asynchronously (ZooKeeper watch or metadata log): send
            // 8 KiB records, four times the quota per second, until a response carries a throttle time.
            // The bound is for a loaded machine; once the quota is in force the next send is throttled.
            byte[] value = new byte[8 * 1024];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (results.stream().noneMatch(r -> r.throttleTimeMs() > 0)) {
                assertThat(System.nanoTime()).as("a throttled response within 90 s of setting the quota, after %d sends",
                        results.size()).isLessThan(deadline);
                results.add(producer.send(ProducerRecord.of(topic, value)).get(60, TimeUnit.SECONDS));
            }
        }
        assertThat(heardBrokers).hasSameSizeAs(heard).containsOnly(broker.bootstrapServers());
        assertThat(results).anySatisfy(r -> assertThat(r.throttleTimeMs()).isPositive());
        assertThat(heard).hasSize(results.size()).anySatisfy(t -> assertThat(t).isPositive());
        assertThat(heard).containsExactlyElementsOf(results.stream().map(SendResult::throttleTimeMs).toList());
    }

    @ParameterizedTest(name = "Kafka {0}, Produce v{1}")
    @CsvSource({"2.8.2, 8", "2.8.2, 9", "3.9.1, 11", "4.4.0, 13"})
    void nullKeysOnACompactedTopicFailOnlyThemselves(String brokerVersion, int produceVersion) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(brokerVersion);
        String topic = "compacted-v" + produceVersion;
        broker.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));
        List<RecordError> heard = new CopyOnWriteArrayList<>();
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(ProducerConfig.builder()
                .bootstrapServers(broker.bootstrapServers())
                .apiVersion(produceVersion)
                .lingerMs(200) // all five records in one batch
                .build(), new ProducerListener() {
                    @Override
                    public void onRecordError(RecordError error) {
                        heard.add(error);
                    }
                })) {
            for (int i = 0; i < 5; i++) {
                byte[] key = i == 1 || i == 3 ? null : ("k" + i).getBytes(StandardCharsets.UTF_8);
                futures.add(producer.send(new ProducerRecord(topic, 0, key, ("v" + i).getBytes(StandardCharsets.UTF_8),
                        null, List.of())));
            }
            producer.flush();
        }
        for (int i : new int[] {1, 3}) {
            int index = i;
            assertThatThrownBy(() -> futures.get(index).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(RecordErrorException.class)
                    .hasMessageContaining("INVALID_RECORD")
                    .hasMessageContaining("without key")
                    .satisfies(e -> assertThat(((RecordErrorException) e).batchIndex()).isEqualTo(index));
        }
        for (int i : new int[] {0, 2, 4}) {
            assertThat(futures.get(i).get(30, TimeUnit.SECONDS).offset()).isNotNegative();
        }
        assertThat(heard).extracting(RecordError::batchIndex).containsExactlyInAnyOrder(1, 3);
        assertThat(heard).allSatisfy(e -> {
            assertThat(e.error()).isEqualTo("INVALID_RECORD");
            assertThat(e.topic()).isEqualTo(topic);
        });
        List<ConsumedRecord> read = KcatReader.readToEnd(broker, topic, Duration.ofSeconds(30));
        assertThat(read).extracting(ConsumedRecord::key).containsExactly("k0", "k2", "k4");
    }

    @ParameterizedTest(name = "Kafka {0}, Produce v{1}")
    @CsvSource({"2.8.2, 9, message.timestamp.difference.max.ms", "3.9.1, 11, message.timestamp.before.max.ms",
            "4.4.0, 13, message.timestamp.before.max.ms"})
    void timestampsOutsideTheAllowedRangeFailWithInvalidTimestamp(String brokerVersion, int produceVersion,
                                                                 String topicSetting) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(brokerVersion);
        String topic = "timestamps-v" + produceVersion;
        broker.createTopic(topic, 1, Map.of(topicSetting, "60000"));
        long now = System.currentTimeMillis();
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(ProducerConfig.builder()
                .bootstrapServers(broker.bootstrapServers())
                .apiVersion(produceVersion)
                .lingerMs(200)
                .build())) {
            for (int i = 0; i < 4; i++) {
                long timestamp = i == 2 ? now - 3_600_000 : now;
                futures.add(producer.send(new ProducerRecord(topic, 0, ("k" + i).getBytes(StandardCharsets.UTF_8),
                        ("v" + i).getBytes(StandardCharsets.UTF_8), timestamp, List.of())));
            }
            producer.flush();
        }
        assertThatThrownBy(() -> futures.get(2).get(30, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(RecordErrorException.class)
                .hasMessageContaining("INVALID_TIMESTAMP")
                .satisfies(e -> assertThat(((RecordErrorException) e).batchIndex()).isEqualTo(2));
        for (int i : new int[] {0, 1, 3}) {
            assertThat(futures.get(i).get(30, TimeUnit.SECONDS).offset()).isNotNegative();
        }
        assertThat(KcatReader.readToEnd(broker, topic, Duration.ofSeconds(30)))
                .extracting(ConsumedRecord::key).containsExactly("k0", "k1", "k3");
    }

    @ParameterizedTest(name = "Kafka {0}, Produce v{1}")
    @CsvSource({"2.8.2, 7", "3.9.1, 5"})
    void beforeV8TheWholeBatchFailsWithTheBrokersError(String brokerVersion, int produceVersion) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(brokerVersion);
        String topic = "compacted-old-v" + produceVersion;
        broker.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(ProducerConfig.builder()
                .bootstrapServers(broker.bootstrapServers())
                .apiVersion(produceVersion)
                .lingerMs(200)
                .build())) {
            futures.add(producer.send(new ProducerRecord(topic, 0, "k".getBytes(), "v".getBytes(), null, List.of())));
            futures.add(producer.send(new ProducerRecord(topic, 0, null, "v".getBytes(), null, List.of())));
            producer.flush();
        }
        for (CompletableFuture<SendResult> future : futures) {
            assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(BrokerErrorException.class)
                    .isNotInstanceOf(RecordErrorException.class)
                    .hasMessageContaining("INVALID_RECORD (87)");
        }
    }
}
