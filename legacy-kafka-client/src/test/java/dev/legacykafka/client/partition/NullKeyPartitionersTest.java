package dev.legacykafka.client.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class NullKeyPartitionersTest {

    @Test
    void roundRobinCyclesAndStaysInRangeAfterTheCounterWraps() throws Exception {
        RoundRobinPartitioner partitioner = new RoundRobinPartitioner();
        var counter = RoundRobinPartitioner.class.getDeclaredField("counter");
        counter.setAccessible(true);
        ((java.util.concurrent.atomic.AtomicInteger) counter.get(partitioner)).set(Integer.MAX_VALUE - 1);

        for (int i = 0; i < 10; i++) {
            assertThat(partitioner.partition("t", null, 7)).isBetween(0, 6);
        }
    }

    @Test
    void roundRobinIsEvenUnderConcurrency() throws Exception {
        RoundRobinPartitioner partitioner = new RoundRobinPartitioner();
        AtomicIntegerArray counts = new AtomicIntegerArray(4);
        runConcurrently(8, 10_000, () -> counts.incrementAndGet(partitioner.partition("t", null, 4)));

        for (int p = 0; p < 4; p++) {
            assertThat(counts.get(p)).isEqualTo(20_000);
        }
    }

    @Test
    void stickyKeepsOnePartitionPerTopicUntilItsBatchIsDone() {
        StickyPartitioner partitioner = new StickyPartitioner();
        int a = partitioner.partition("a", null, 100);
        int b = partitioner.partition("b", new byte[] {1}, 100); // the key is ignored

        partitioner.onNewBatch("b", b);

        assertThat(partitioner.partition("a", null, 100)).isEqualTo(a);
        assertThat(partitioner.partition("b", null, 100)).isNotEqualTo(b);
    }

    @Test
    void aStaleNewBatchReportDoesNotMoveTheTopicAgain() {
        StickyPartitioner partitioner = new StickyPartitioner();
        int first = partitioner.partition("t", null, 10);
        partitioner.onNewBatch("t", first);
        int second = partitioner.partition("t", null, 10);

        partitioner.onNewBatch("t", first); // a second thread reporting the same full batch

        assertThat(partitioner.partition("t", null, 10)).isEqualTo(second);
    }

    @Test
    void stickyWithOnePartitionStaysOnIt() {
        StickyPartitioner partitioner = new StickyPartitioner();
        assertThat(partitioner.partition("t", null, 1)).isZero();
        partitioner.onNewBatch("t", 0);
        assertThat(partitioner.partition("t", null, 1)).isZero();
        partitioner.onNewBatch("unknown-topic", 3); // nothing chosen yet: ignored
    }

    @Test
    void stickyFollowsPartitionCountChanges() {
        StickyPartitioner partitioner = new StickyPartitioner();
        int chosen = partitioner.partition("t", null, 1000);

        int afterShrink = partitioner.partition("t", null, 2);
        assertThat(afterShrink).isBetween(0, 1);
        if (chosen < 2) {
            assertThat(afterShrink).isEqualTo(chosen);
        }

        assertThat(partitioner.partition("t", null, 50)).as("grown: the partition still exists").isEqualTo(afterShrink);
        for (int i = 0; i < 200; i++) {
            int current = partitioner.partition("t", null, 50);
            partitioner.onNewBatch("t", current);
            assertThat(partitioner.partition("t", null, 50)).isNotEqualTo(current).isBetween(0, 49);
        }
    }

    @Test
    void stickyAgreesAcrossThreadsBetweenBatches() throws Exception {
        StickyPartitioner partitioner = new StickyPartitioner();
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        runConcurrently(8, 5_000, () -> seen.add(partitioner.partition("t", null, 64)));
        assertThat(seen).hasSize(1);
    }

    private static void runConcurrently(int threads, int iterations, Runnable action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < iterations; i++) {
                        action.run();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
