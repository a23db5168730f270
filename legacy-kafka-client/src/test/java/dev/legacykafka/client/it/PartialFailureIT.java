package dev.legacykafka.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.RecordErrorException;
import dev.legacykafka.client.it.ExactReader.LogRecord;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Idempotent pipelines where the broker refuses part of what it is sent (issue 11): the refused
 * records fail alone, and every other record is acknowledged and written once, in send order,
 * while several batches per partition are in flight behind the refused one. What the producer
 * reports is checked against the whole log, read to its end by kafka-clients' consumer.
 */
class PartialFailureIT {

    private static final int RECORDS = 3000;
    private static final int PARTITIONS = 3;
    /** Shorter than the 120 s default so a stalled partition fails the test in bounded time, yet twice the request timeout. */
    private static final long DELIVERY_TIMEOUT_MS = 60_000;
    /** Every send must have an outcome by then: the delivery timeout bounds each one. */
    private static final Duration OUTCOME_BOUND = Duration.ofMillis(DELIVERY_TIMEOUT_MS + 30_000);

    @ParameterizedTest(name = "Kafka {0}")
    @ValueSource(strings = {"2.8.2", "3.9.1", "4.4.0"})
    @Timeout(300)
    void nullKeysOnACompactedTopicFailAloneWhileTheRestIsWrittenOnceInOrder(String brokerVersion) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(brokerVersion);
        String topic = "partial-failure-compacted";
        broker.createTopic(topic, PARTITIONS, Map.of("cleanup.policy", "compact"));
        List<ProducerRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            // Unique keys, so compaction could never explain a missing record; every 100th has none.
            byte[] key = isNullKey(i) ? null : utf8("key-" + i);
            records.add(ProducerRecord.of(topic, key, utf8("value-" + i)));
        }
        // Small batches and a short linger: ~28 batches per partition, up to 5 in flight behind a refused one.
        SendOutcomes outcomes = sendAll(broker, ProducerConfig.builder().batchSize(1024).lingerMs(2), records);

        report(brokerVersion, "compacted", outcomes);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(outcomes.pending()).as("sends without an outcome after %s: %s", OUTCOME_BOUND, outcomes.counts())
                .isEmpty();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            Throwable failure = outcomes.failure(i);
            boolean refusedAsInvalid = failure instanceof RecordErrorException
                    && failure.getMessage().contains("INVALID_RECORD");
            if (isNullKey(i) != refusedAsInvalid || (!isNullKey(i) && outcomes.result(i) == null)) {
                wrong.add("record " + i + (isNullKey(i) ? " (null key)" : "") + ": " + outcomes.describe(i));
            }
        }
        softly.assertThat(wrong.size()).as("records other than the %d null-key ones failing with INVALID_RECORD, or not "
                + "failing so; outcomes %s; first: %s", RECORDS / 100, outcomes.counts(), wrong.subList(0, Math.min(10, wrong.size())))
                .isZero();
        // Checked even when sends failed: what reached the log tells lost from duplicated from reordered.
        assertLogHoldsExactlyTheAcknowledged(softly, broker, topic, records, outcomes);
        softly.assertAll();
    }

    @ParameterizedTest(name = "Kafka {0}")
    @ValueSource(strings = {"2.8.2", "3.9.1", "4.4.0"})
    @Timeout(300)
    void batchesLargerThanTheTopicTakesAreSplitAndWrittenOnceInOrder(String brokerVersion) throws Exception {
        KafkaBroker broker = KafkaBrokers.shared(brokerVersion);
        String topic = "partial-failure-too-large";
        // A 16 KiB batch of ~230-byte records needs four halvings to get under 2 KiB.
        broker.createTopic(topic, PARTITIONS, Map.of("max.message.bytes", "2048"));
        List<ProducerRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(ProducerRecord.of(topic, utf8("key-" + i), utf8(paddedValue(i))));
        }
        // ~13 full batches per partition, all refused as MESSAGE_TOO_LARGE while others are in flight.
        SendOutcomes outcomes = sendAll(broker, ProducerConfig.builder().batchSize(16 * 1024).lingerMs(5), records);

        report(brokerVersion, "too-large", outcomes);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(outcomes.pending()).as("sends without an outcome after %s: %s", OUTCOME_BOUND, outcomes.counts())
                .isEmpty();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            if (outcomes.result(i) == null) {
                failed.add("record " + i + ": " + outcomes.describe(i));
            }
        }
        softly.assertThat(failed.size()).as("records not acknowledged; outcomes %s; first: %s",
                outcomes.counts(), failed.subList(0, Math.min(10, failed.size()))).isZero();
        assertLogHoldsExactlyTheAcknowledged(softly, broker, topic, records, outcomes);
        softly.assertAll();
    }

    /** Sends every record as fast as the producer takes them, then waits for all outcomes before closing. */
    private static SendOutcomes sendAll(KafkaBroker broker, ProducerConfig.Builder settings, List<ProducerRecord> records)
            throws InterruptedException {
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(settings
                .bootstrapServers(broker.bootstrapServers())
                .deliveryTimeoutMs(DELIVERY_TIMEOUT_MS)
                .build())) {
            for (ProducerRecord record : records) {
                futures.add(producer.send(record));
            }
            // Outcomes are taken before close, which would fail whatever is still pending.
            return new SendOutcomes(futures).awaitAll(OUTCOME_BOUND);
        }
    }

    /**
     * The log, read to its end, holds each acknowledged record once, at the offset its result
     * named, per partition in send order, and nothing else.
     */
    private static void assertLogHoldsExactlyTheAcknowledged(SoftAssertions softly, KafkaBroker broker, String topic,
                                                              List<ProducerRecord> records, SendOutcomes outcomes) {
        Map<Integer, List<LogRecord>> expected = new TreeMap<>();
        for (int i = 0; i < records.size(); i++) {
            SendResult result = outcomes.result(i);
            if (result != null) {
                ProducerRecord record = records.get(i);
                expected.computeIfAbsent(result.partition(), p -> new ArrayList<>()).add(new LogRecord(result.partition(),
                        result.offset(), text(record.key()), text(record.value())));
            }
        }
        Map<Integer, List<LogRecord>> log = ExactReader.readToEnd(broker.bootstrapServers(), topic, Duration.ofSeconds(60));
        System.out.printf("[%s] %s log: %d records %s; %s%n", broker.version(), topic, ExactReader.size(log), sizes(log),
                LogComparison.of(expected, log));

        softly.assertThat(log.keySet()).as("partitions of %s", topic).hasSize(PARTITIONS);
        for (int partition : new TreeSet<>(log.keySet())) {
            softly.assertThat(log.get(partition))
                    .as("partition %d: the log must hold exactly the acknowledged records, in send order at their offsets", partition)
                    .containsExactlyElementsOf(expected.getOrDefault(partition, List.of()));
        }
    }

    private static void report(String brokerVersion, String scenario, SendOutcomes outcomes) {
        System.out.printf("[%s] %s outcomes of %d sends: %s%n", brokerVersion, scenario, outcomes.size(), outcomes.counts());
    }

    private static Map<Integer, Integer> sizes(Map<Integer, List<LogRecord>> log) {
        Map<Integer, Integer> sizes = new TreeMap<>();
        log.forEach((partition, records) -> sizes.put(partition, records.size()));
        return sizes;
    }

    private static boolean isNullKey(int i) {
        return i % 100 == 0;
    }

    private static String paddedValue(int i) {
        StringBuilder value = new StringBuilder("value-").append(i).append('-');
        while (value.length() < 200) {
            value.append('x');
        }
        return value.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
