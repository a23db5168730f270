package dev.legacykafka.client.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

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
    void roundRobinCyclesThroughEveryPartitionInTurn() {
        RoundRobinPartitioner partitioner = new RoundRobinPartitioner();
        List<Integer> picks = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            picks.add(partitioner.partition("t", null, 7));
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            expected.add(i % 7);
        }
        assertThat(picks).containsExactlyElementsOf(expected);
    }

    @Test
    void roundRobinStaysInRangeAndKeepsCyclingAfterTheCounterWraps() throws Exception {
        RoundRobinPartitioner partitioner = new RoundRobinPartitioner();
        var counter = RoundRobinPartitioner.class.getDeclaredField("counter");
        counter.setAccessible(true);
        ((java.util.concurrent.atomic.AtomicInteger) counter.get(partitioner)).set(Integer.MAX_VALUE - 1);

        // Two picks before the wrap, then the counter goes negative.
        List<Integer> picks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            picks.add(partitioner.partition("t", null, 7));
        }
        assertThat(picks).allSatisfy(p -> assertThat(p).isBetween(0, 6));
        // Past the wrap it still visits the partitions in turn: each pick is the one after the previous.
        for (int i = 3; i < picks.size(); i++) {
            assertThat(picks.get(i)).as("pick %d after %s", i, picks.subList(0, i)).isEqualTo((picks.get(i - 1) + 1) % 7);
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
    }

    @Test
    void aNewBatchReportForATopicWithoutAChoiceIsIgnored() {
        StickyPartitioner partitioner = new StickyPartitioner();
        int chosen = partitioner.partition("t", null, 100);

        assertThatCode(() -> partitioner.onNewBatch("unknown-topic", 3)).doesNotThrowAnyException();
        assertThatCode(() -> partitioner.onNewBatch("unknown-topic", chosen)).doesNotThrowAnyException();

        assertThat(partitioner.partition("t", null, 100)).as("another topic's report moves nothing").isEqualTo(chosen);
        // The unknown topic gets its first choice only when a record asks, among the count it gives.
        int first = partitioner.partition("unknown-topic", null, 5);
        assertThat(first).isBetween(0, 4);
        assertThat(partitioner.partition("unknown-topic", null, 5)).isEqualTo(first);
    }

    @Test
    void stickyKeepsItsPartitionWhenTheCountShrinksAndItStillExists() {
        StickyPartitioner partitioner = new StickyPartitioner();
        int chosen = steerTo(partitioner, 4, p -> p < 2);

        assertThat(partitioner.partition("t", null, 2)).isEqualTo(chosen);
    }

    @Test
    void stickyMovesWithinRangeWhenTheCountShrinksBelowItsPartition() {
        StickyPartitioner partitioner = new StickyPartitioner();
        steerTo(partitioner, 4, p -> p >= 2);

        int afterShrink = partitioner.partition("t", null, 2);
        assertThat(afterShrink).isBetween(0, 1);
        assertThat(partitioner.partition("t", null, 2)).as("and sticks there").isEqualTo(afterShrink);
    }

    /**
     * Moves topic t's sticky choice among {@code numPartitions} by reporting full batches until it
     * satisfies {@code wanted}; each move picks another partition at random, so a few moves do.
     */
    private static int steerTo(StickyPartitioner partitioner, int numPartitions, java.util.function.IntPredicate wanted) {
        int current = partitioner.partition("t", null, numPartitions);
        for (int moves = 0; !wanted.test(current); moves++) {
            assertThat(moves).as("moves to reach a wanted partition (each has at least a 1/3 chance)").isLessThan(1000);
            partitioner.onNewBatch("t", current);
            current = partitioner.partition("t", null, numPartitions);
        }
        return current;
    }

    @Test
    void stickyFollowsPartitionCountChanges() {
        StickyPartitioner partitioner = new StickyPartitioner();
        partitioner.partition("t", null, 1000);
        int afterShrink = partitioner.partition("t", null, 2);
        assertThat(afterShrink).isBetween(0, 1);

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
