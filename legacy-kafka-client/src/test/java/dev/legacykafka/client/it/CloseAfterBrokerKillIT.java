package dev.legacykafka.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.LegacyKafkaProducer;
import dev.legacykafka.client.ProducerConfig;
import dev.legacykafka.client.ProducerRecord;
import dev.legacykafka.client.SendResult;
import dev.legacykafka.client.errors.NetworkException;
import dev.legacykafka.client.errors.ProducerClosedException;
import dev.legacykafka.client.errors.TimeoutException;
import dev.legacykafka.client.it.ExactReader.LogRecord;
import dev.legacykafka.test.KafkaBroker;
import dev.legacykafka.test.KafkaBrokers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code close(timeout)} while the only broker has been killed -9 in the middle of a stream of
 * idempotent sends, and sends go on while closing: close returns within its timeout, every send
 * has an outcome (a result, or an exception that names why), and what was acknowledged before the
 * crash is in the log once, in send order, when the broker is back.
 */
class CloseAfterBrokerKillIT {

    /** ZooKeeper 2.8.2 and KRaft 4.4.0 in verify; 3.9.1 too in the chaos profile. */
    static List<String> versions() {
        return ChaosVersions.of(List.of("2.8.2", "4.4.0"), List.of("3.9.1"));
    }


    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** close has to stop the network thread and fail what is left; that may take a moment beyond the timeout. */
    private static final long CLOSE_MARGIN_MS = 2_000;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 500;

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("versions")
    @Timeout(240)
    void closeReturnsInTimeAndEverySendEnds(String brokerVersion) throws Exception {
        try (KafkaBroker broker = KafkaBrokers.dedicated(brokerVersion)) {
            String topic = "close-after-kill";
            broker.createTopic(topic, 3, Map.of());
            List<CompletableFuture<SendResult>> futures = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stopSending = new AtomicBoolean();
            LegacyKafkaProducer producer = new LegacyKafkaProducer(ProducerConfig.builder()
                    .bootstrapServers(broker.bootstrapServers()).lingerMs(2).batchSize(1024).build());
            Thread sender = new Thread(() -> {
                for (int i = 0; !stopSending.get(); i++) {
                    CompletableFuture<SendResult> future = producer.send(ProducerRecord.of(topic, utf8("key-" + i),
                            utf8("value-" + i)));
                    futures.add(future);
                    if (future.isCompletedExceptionally()) {
                        return; // refused at once: the producer is closing, and so is the stream
                    }
                    if (i % 10 == 9) {
                        pause(1); // a steady stream, not one burst into the buffer
                    }
                }
            }, "stream-sender");
            sender.setDaemon(true);
            long closeMs;
            try {
                sender.start();
                awaitAcknowledged(futures, ACKNOWLEDGED_BEFORE_KILL, Duration.ofSeconds(60));
                broker.kill();
                pause(500); // the stream goes on into the dead broker: requests hang, batches queue

                long start = System.nanoTime();
                producer.close(CLOSE_TIMEOUT); // sends still arrive from the sender thread meanwhile
                closeMs = (System.nanoTime() - start) / 1_000_000;
            } finally {
                stopSending.set(true);
                sender.join(10_000);
                producer.close(Duration.ZERO); // only does something if the test broke off before its close
            }
            assertThat(sender.isAlive()).as("sender thread stuck in send()").isFalse();

            SendOutcomes outcomes = new SendOutcomes(snapshot(futures));
            System.out.printf("[%s] close took %d ms; outcomes of %d sends: %s%n", brokerVersion, closeMs, outcomes.size(),
                    outcomes.counts());
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(closeMs).as("close(%s) took", CLOSE_TIMEOUT)
                    .isLessThanOrEqualTo(CLOSE_TIMEOUT.toMillis() + CLOSE_MARGIN_MS);
            softly.assertThat(outcomes.pending()).as("sends without an outcome after close: %s", outcomes.counts()).isEmpty();
            List<String> unexplained = new ArrayList<>();
            int failed = 0;
            for (int i = 0; i < outcomes.size(); i++) {
                Throwable failure = outcomes.failure(i);
                if (failure != null) {
                    failed++;
                    if (!namesWhyItEnded(failure)) {
                        unexplained.add("send " + i + ": " + outcomes.describe(i));
                    }
                }
            }
            softly.assertThat(unexplained).as("failures must be closed/timeout/network errors with a message: %s",
                    outcomes.counts()).isEmpty();
            softly.assertThat(failed).as("sends failed by the close").isPositive();
            softly.assertAll();

            broker.start();
            assertAcknowledgedAreInTheLogOnceInSendOrder(broker, topic, outcomes);
        }
    }

    /**
     * Every acknowledged record is in the log once at its reported offset; the log may also hold
     * records whose sends failed (written before the crash, never acknowledged), but each only
     * once, and per partition everything is in send order.
     */
    private static void assertAcknowledgedAreInTheLogOnceInSendOrder(KafkaBroker broker, String topic, SendOutcomes outcomes) {
        Map<Integer, List<LogRecord>> log = ExactReader.readToEnd(broker.bootstrapServers(), topic, Duration.ofSeconds(60));
        Map<Integer, LogRecord> foundBySend = new HashMap<>();
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<Integer, List<LogRecord>> partition : log.entrySet()) {
            List<Integer> sendOrder = new ArrayList<>();
            for (LogRecord record : partition.getValue()) {
                int send = Integer.parseInt(record.value().substring("value-".length()));
                sendOrder.add(send);
                foundBySend.put(send, record);
            }
            softly.assertThat(sendOrder).as("sends in partition %d, in log order", partition.getKey())
                    .doesNotHaveDuplicates().isSorted();
        }
        int acknowledged = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            SendResult result = outcomes.result(i);
            if (result != null) {
                acknowledged++;
                softly.assertThat(foundBySend.get(i)).as("acknowledged send %d", i)
                        .isEqualTo(new LogRecord(result.partition(), result.offset(), "key-" + i, "value-" + i));
            }
        }
        System.out.printf("[%s] after restart the log holds %d records; %d were acknowledged%n", broker.version(),
                ExactReader.size(log), acknowledged);
        softly.assertAll();
    }

    private static boolean namesWhyItEnded(Throwable failure) {
        boolean expectedKind = failure instanceof ProducerClosedException || failure instanceof TimeoutException
                || failure instanceof NetworkException;
        return expectedKind && failure.getMessage() != null && !failure.getMessage().isBlank();
    }

    private static void awaitAcknowledged(List<CompletableFuture<SendResult>> futures, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (snapshot(futures).stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " sends not acknowledged within " + timeout + " before the kill");
            }
            pause(20);
        }
    }

    private static List<CompletableFuture<SendResult>> snapshot(List<CompletableFuture<SendResult>> futures) {
        synchronized (futures) {
            return new ArrayList<>(futures);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
