package dev.legacykafka.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacykafka.client.ProducerListener;
import dev.legacykafka.client.SendResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hears through the producer's public listener that traffic flows, so a fault test strikes while
 * the producer is demonstrably producing rather than after a fixed sleep. It only counts (the
 * listener runs on the producer's network thread); the test thread waits and asserts.
 */
final class TrafficWatch implements ProducerListener {

    private final AtomicInteger acknowledgedBatches = new AtomicInteger();
    private final AtomicInteger retriedBatches = new AtomicInteger();
    private final CountDownLatch flowing;
    private final CountDownLatch retrying = new CountDownLatch(1);

    /** @param batches acknowledged batches that show the producer is producing */
    TrafficWatch(int batches) {
        this.flowing = new CountDownLatch(batches);
    }

    @Override
    public void onBatchAcknowledged(String topic, int partition, int records, int sizeInBytes) {
        acknowledgedBatches.incrementAndGet();
        flowing.countDown();
    }

    @Override
    public void onBatchRetried(String topic, int partition, int records, int attempt, String error) {
        retriedBatches.incrementAndGet();
        retrying.countDown();
    }

    /** Batches sent again after a failed attempt, so far. */
    int retriedBatches() {
        return retriedBatches.get();
    }

    /**
     * Waits until the producer retries a batch: after the broker was paused, a request of it timed
     * out unanswered, which proves it was in flight.
     */
    void awaitRetry(Duration timeout) throws InterruptedException {
        assertThat(retrying.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("a batch retried within %s", timeout).isTrue();
    }

    /** Batches acknowledged so far. */
    int acknowledgedBatches() {
        return acknowledgedBatches.get();
    }

    /** Waits until the producer has had the given number of batches acknowledged; fails after {@code timeout}. */
    void awaitFlowing(Duration timeout) throws InterruptedException {
        assertThat(flowing.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("batches acknowledged within %s (got %d)", timeout, acknowledgedBatches.get()).isTrue();
    }

    /** The sends among the first {@code count} that have not completed yet. */
    static List<CompletableFuture<SendResult>> pending(List<CompletableFuture<SendResult>> futures, int count) {
        List<CompletableFuture<SendResult>> pending = new ArrayList<>();
        synchronized (futures) {
            for (CompletableFuture<SendResult> future : futures.subList(0, count)) {
                if (!future.isDone()) {
                    pending.add(future);
                }
            }
        }
        return pending;
    }
}
