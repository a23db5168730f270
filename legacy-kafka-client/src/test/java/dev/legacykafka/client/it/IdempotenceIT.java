package dev.legacykafka.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Idempotent retries on every broker that has idempotence: records in flight when the broker is
 * killed -9 are sent again after its restart, and the log holds every acknowledged record exactly
 * once, in send order per partition.
 */
@Timeout(240)
class IdempotenceIT {

    /** Short, so a request to the paused broker times out (and is retried) within seconds. */
    private static final int REQUEST_TIMEOUT_MS = 2_000;

    /** The first idempotent release and 3.9.1 in verify; 2.8.2 too in the chaos profile. */
    static List<String> crashVersions() {
        return ChaosVersions.of(List.of("0.11.0.3", "3.9.1"), List.of("2.8.2"));
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("crashVersions")
    void noDuplicatesAndNoGapsAcrossABrokerCrash(String brokerVersion) throws Exception {
        // 4.4.0 runs the same scenario in FaultToleranceIT.
        try (KafkaBroker broker = KafkaBrokers.dedicated(brokerVersion)) {
            String topic = "idempotent-crash";
            broker.createTopic(topic, 3, Map.of());
            List<CompletableFuture<SendResult>> futures = Collections.synchronizedList(new ArrayList<>());
            TrafficWatch watch = new TrafficWatch(5);
            try (LegacyKafkaProducer producer = new LegacyKafkaProducer(ProducerConfig.builder()
                    .bootstrapServers(broker.bootstrapServers()).lingerMs(1).batchSize(1024)
                    .requestTimeoutMs(REQUEST_TIMEOUT_MS).deliveryTimeoutMs(180_000).build(), watch)) {
                Thread sender = new Thread(() -> {
                    for (int i = 0; i < 3000; i++) {
                        futures.add(producer.send(ProducerRecord.of(topic, ("k" + (i % 11)).getBytes(), ("v" + i).getBytes())));
                        if (i % 100 == 0) {
                            sleep(10);
                        }
                    }
                });
                sender.start();
                // Strike while the producer is producing: once batches are being acknowledged, not after a fixed sleep.
                watch.awaitFlowing(Duration.ofSeconds(60));
                // Hang the broker until a request of it times out unanswered: a batch was in flight, and is retried.
                broker.pause();
                watch.awaitRetry(Duration.ofSeconds(60));
                int acceptedBeforeCrash = futures.size();
                broker.kill();
                List<CompletableFuture<SendResult>> pendingAtCrash = TrafficWatch.pending(futures, acceptedBeforeCrash);
                int acknowledgedBeforeRestart = watch.acknowledgedBatches();
                assertThat(pendingAtCrash).as("records accepted but not acknowledged when the broker died").isNotEmpty();
                sender.join();
                broker.start();
                producer.flush();
                // What was pending at the crash went to the restarted broker and was acknowledged there.
                assertThat(watch.acknowledgedBatches()).isGreaterThan(acknowledgedBeforeRestart);
                assertThat(watch.retriedBatches()).as("batches retried after the crash").isPositive();
                for (CompletableFuture<SendResult> pending : pendingAtCrash) {
                    assertThat(pending.get(60, TimeUnit.SECONDS).offset()).isNotNegative();
                }
            }
            Map<Integer, List<Integer>> sentOrder = new HashMap<>();
            for (int i = 0; i < futures.size(); i++) {
                SendResult result = futures.get(i).get(60, TimeUnit.SECONDS);
                sentOrder.computeIfAbsent(result.partition(), p -> new ArrayList<>()).add(i);
            }
            List<ConsumedRecord> read = KcatReader.readToEnd(broker, topic, Duration.ofSeconds(60));
            assertThat(read).hasSize(3000);
            assertThat(read.stream().collect(Collectors.groupingBy(ConsumedRecord::partition,
                    Collectors.mapping(r -> Integer.parseInt(r.value().substring(1)), Collectors.toList()))))
                    .isEqualTo(sentOrder);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
