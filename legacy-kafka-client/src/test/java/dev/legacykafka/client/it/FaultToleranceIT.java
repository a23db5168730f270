package dev.legacykafka.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.client.errors.TimeoutException;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import dev.legacykafka.test.reader.ConsumedRecord;
import dev.legacykafka.test.reader.KcatReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every send completes exactly once, whatever happens to the broker or the producer. */
@Timeout(180)
class FaultToleranceIT {

    /** Short, so a request to the paused broker times out (and is retried) within seconds. */
    private static final int REQUEST_TIMEOUT_MS = 2_000;

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBrokers.dedicated("4.4.0");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void brokerRunning() {
        if (!broker.isRunning()) {
            broker.start();
        }
    }

    private static ProducerConfig.Builder config() {
        return ProducerConfig.builder().bootstrapServers(broker.bootstrapServers());
    }

    @Test
    void aHungBrokerThatAnsweredBeforeIsNeverTakenForAnOldOne() throws Exception {
        broker.createTopic("hung-broker", 1, Map.of());
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config().requestTimeoutMs(REQUEST_TIMEOUT_MS)
                .deliveryTimeoutMs(60_000).build())) {
            producer.send(ProducerRecord.of("hung-broker", "before".getBytes())).get(30, TimeUnit.SECONDS);
            int version = producer.produceVersions().get(broker.bootstrapServers());
            broker.pause();
            CompletableFuture<SendResult> during;
            try {
                during = producer.send(ProducerRecord.of("hung-broker", "during".getBytes()));
                // Several request timeouts: the connection is dropped and a new one's ApiVersions goes unanswered.
                Thread.sleep(4 * REQUEST_TIMEOUT_MS + 1_000);
                assertThat(during).isNotDone();
            } finally {
                broker.resume();
            }
            assertThat(during.get(30, TimeUnit.SECONDS).offset()).isEqualTo(1);
            assertThat(producer.send(ProducerRecord.of("hung-broker", "after".getBytes())).get(30, TimeUnit.SECONDS)
                    .produceVersion()).as("still the version negotiated before the broker hung").isEqualTo(version);
            assertThat(producer.produceVersions()).containsEntry(broker.bootstrapServers(), version);
        }
    }

    @Test
    void closeWithATimeoutFailsWhatTheStoppedBrokerCannotTake() throws Exception {
        broker.createTopic("close-timeout", 1, Map.of());
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        LegacyKafkaProducer producer = new LegacyKafkaProducer(config().build());
        producer.send(ProducerRecord.of("close-timeout", "before".getBytes())).get(30, TimeUnit.SECONDS);
        broker.stop();
        for (int i = 0; i < 100; i++) {
            futures.add(producer.send(ProducerRecord.of("close-timeout", ("v" + i).getBytes())));
        }
        long start = System.nanoTime();
        producer.close(Duration.ofSeconds(1));
        long closeMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(closeMs).isLessThan(10_000);
        assertThat(futures).allSatisfy(f -> {
            assertThat(f).isDone();
            assertThatThrownBy(f::join).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(ProducerClosedException.class).hasMessageContaining("closed before");
        });
        assertThatThrownBy(() -> producer.send(ProducerRecord.of("close-timeout", "after".getBytes())).join())
                .cause().isInstanceOf(ProducerClosedException.class);
    }

    @Test
    void recordsExpireAfterTheDeliveryTimeoutWhileTheBrokerIsDown() throws Exception {
        broker.createTopic("delivery-timeout", 1, Map.of());
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config()
                .requestTimeoutMs(1_000).deliveryTimeoutMs(3_000).build())) {
            producer.send(ProducerRecord.of("delivery-timeout", "before".getBytes())).get(30, TimeUnit.SECONDS);
            broker.stop();
            CompletableFuture<SendResult> future = producer.send(ProducerRecord.of("delivery-timeout", "lost".getBytes()));
            assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("delivery-timeout 3000 ms");
        }
    }

    @Test
    void idempotentRecordsSentAcrossABrokerCrashArriveExactlyOnceInOrder() throws Exception {
        String topic = "crash-restart-idempotent";
        broker.createTopic(topic, 2, Map.of());
        List<CompletableFuture<SendResult>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
        // acks=all by default, so idempotent: retries after the crash must not write a record twice.
        TrafficWatch watch = new TrafficWatch(5);
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config().lingerMs(1).batchSize(1024)
                .requestTimeoutMs(REQUEST_TIMEOUT_MS).build(), watch)) {
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 3000; i++) {
                    futures.add(producer.send(ProducerRecord.of(topic, ("k" + (i % 7)).getBytes(), ("v" + i).getBytes())));
                    if (i % 100 == 0) {
                        sleepQuietly(10);
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
        Map<Integer, List<Integer>> sentOrder = new java.util.HashMap<>();
        for (int i = 0; i < futures.size(); i++) {
            SendResult result = futures.get(i).get(60, TimeUnit.SECONDS);
            sentOrder.computeIfAbsent(result.partition(), p -> new ArrayList<>()).add(i);
        }
        List<ConsumedRecord> read = KcatReader.readToEnd(broker, topic, Duration.ofSeconds(60));
        assertThat(read).hasSize(3000);
        Map<Integer, List<Integer>> readOrder = read.stream().collect(Collectors.groupingBy(ConsumedRecord::partition,
                Collectors.mapping(r -> Integer.parseInt(r.value().substring(1)), Collectors.toList())));
        assertThat(readOrder).isEqualTo(sentOrder);
    }

    @Test
    void nonIdempotentRecordsSentAcrossABrokerCrashAreAllDelivered() throws Exception {
        String topic = "crash-restart-acks1";
        broker.createTopic(topic, 2, Map.of());
        List<CompletableFuture<SendResult>> futures = new ArrayList<>();
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config().acks("1").build())) {
            for (int i = 0; i < 200; i++) {
                futures.add(producer.send(ProducerRecord.of(topic, ("k" + i).getBytes(), ("v" + i).getBytes())));
            }
            producer.flush();
            broker.kill();
            for (int i = 200; i < 400; i++) {
                futures.add(producer.send(ProducerRecord.of(topic, ("k" + i).getBytes(), ("v" + i).getBytes())));
            }
            broker.start();
            producer.flush();
        }
        for (CompletableFuture<SendResult> future : futures) {
            assertThat(future.get(60, TimeUnit.SECONDS).offset()).isNotNegative();
        }
        Set<String> read = KcatReader.readToEnd(broker, topic, Duration.ofSeconds(60)).stream()
                .map(ConsumedRecord::value).collect(Collectors.toSet());
        for (int i = 0; i < 400; i++) {
            assertThat(read).contains("v" + i);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRecordLargerThanMaxRequestSizeFailsAloneAndOthersGo() throws Exception {
        broker.createTopic("too-large", 1, Map.of());
        try (LegacyKafkaProducer producer = new LegacyKafkaProducer(config().maxRequestSize(10_000).build())) {
            CompletableFuture<SendResult> big = producer.send(ProducerRecord.of("too-large", new byte[20_000]));
            CompletableFuture<SendResult> small = producer.send(ProducerRecord.of("too-large", "ok".getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> big.get(30, TimeUnit.SECONDS)).cause()
                    .hasMessageContaining("max-request-size (10000 bytes)");
            assertThat(small.get(30, TimeUnit.SECONDS).offset()).isZero();
        }
    }
}
