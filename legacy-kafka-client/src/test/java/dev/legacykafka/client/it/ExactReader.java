package dev.legacykafka.client.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of a topic from its first offset to the end offset it had when reading
 * began, with kafka-clients' consumer (brokers 2.1+): an independent reader that stops at the end
 * of the log, not after an expected number of records, so extras and duplicates show up too.
 */
final class ExactReader {

    /** A record as found in the log; key and value as UTF-8 text, null when absent. */
    record LogRecord(int partition, long offset, String key, String value) {
    }

    private ExactReader() {
    }

    /**
     * The whole log of the topic, by partition (every partition present, empty ones too), each in
     * offset order.
     *
     * @throws AssertionError if some partition is not read to its end within the timeout
     */
    static Map<Integer, List<LogRecord>> readToEnd(String bootstrapServers, String topic, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "exact-reader-" + topic);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<Integer, List<LogRecord>> log = new TreeMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                partitions.add(new TopicPartition(topic, info.partition()));
                log.put(info.partition(), new ArrayList<>());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Taken once, before reading: the producer is done, so this is the whole log.
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, timeout);
            while (!allRead(consumer, endOffsets)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Reading " + topic + " did not reach the end offsets " + endOffsets
                            + " within " + timeout + "; read so far: " + counts(log));
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    log.get(r.partition()).add(new LogRecord(r.partition(), r.offset(), text(r.key()), text(r.value())));
                }
            }
        }
        return log;
    }

    private static boolean allRead(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            if (consumer.position(end.getKey(), Duration.ofSeconds(10)) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Map<Integer, Integer> counts(Map<Integer, List<LogRecord>> log) {
        Map<Integer, Integer> counts = new TreeMap<>();
        log.forEach((partition, records) -> counts.put(partition, records.size()));
        return counts;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Total records in a log as read. */
    static int size(Map<Integer, List<LogRecord>> log) {
        return log.values().stream().mapToInt(List::size).sum();
    }
}
