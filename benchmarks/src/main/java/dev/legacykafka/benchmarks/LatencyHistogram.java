package dev.legacykafka.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size log-linear histogram of nanosecond latencies: exact below 128 ns, then 128
 * sub-buckets per power of two, so any reported value is within 0.4% of a recorded one. Recording
 * is one array increment and never allocates, so measuring every record does not dominate what
 * is measured (5 M records cost ~35 KiB of counters, not 40 MB of timestamps).
 *
 * <p>Callbacks normally run on the producer's network thread, but a future that completes before
 * the caller attaches its action runs it on the caller, so counters are atomic (uncontended adds).
 */
final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 7;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Values at or above 2^40 ns (18 minutes) land in the last bucket. */
    private static final int MAX_EXPONENT = 40;
    static final int BUCKETS = SUB_BUCKETS * (MAX_EXPONENT - SUB_BUCKET_BITS + 2);

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong sum = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    /** Records one latency; negative values (clock oddities) count as zero. */
    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts.getAndIncrement(indexOf(value));
        total.getAndIncrement();
        sum.getAndAdd(value);
        long seen = max.get();
        while (value > seen && !max.compareAndSet(seen, value)) {
            seen = max.get();
        }
    }

    long count() {
        return total.get();
    }

    long maxNanos() {
        return max.get();
    }

    double meanNanos() {
        long n = total.get();
        return n == 0 ? Double.NaN : (double) sum.get() / n;
    }

    /**
     * The value at or below which {@code percentile}% of the recorded values fall (nearest rank),
     * as the middle of its bucket, capped at the recorded maximum (which the 100th percentile is);
     * NaN if nothing was recorded.
     */
    double percentileNanos(double percentile) {
        long n = total.get();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * n));
        if (rank >= n) {
            return max.get();
        }
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(middleOf(i), max.get());
            }
        }
        return max.get();
    }

    static int indexOf(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int shift = exponent - SUB_BUCKET_BITS;
        // The top SUB_BUCKET_BITS + 1 bits of the value: its power of two, then the sub-bucket.
        return SUB_BUCKETS * (shift + 1) + (int) (value >>> shift) - SUB_BUCKETS;
    }

    static long lowestOf(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int shift = index / SUB_BUCKETS - 1;
        long mantissa = SUB_BUCKETS + index % SUB_BUCKETS;
        return mantissa << shift;
    }

    static double middleOf(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int shift = index / SUB_BUCKETS - 1;
        return lowestOf(index) + ((1L << shift) - 1) / 2.0;
    }
}
