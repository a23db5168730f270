package dev.legacykafka.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void bucketsAreContiguousAndCoverEveryValue() {
        for (int index = 1; index < LatencyHistogram.BUCKETS; index++) {
            long lowest = LatencyHistogram.lowestOf(index);
            assertThat(LatencyHistogram.indexOf(lowest)).isEqualTo(index);
            assertThat(LatencyHistogram.indexOf(lowest - 1)).isEqualTo(index - 1);
        }
        assertThat(LatencyHistogram.indexOf(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
    }

    @Test
    void reportedValuesAreWithinHalfAPercent() {
        for (long value : new long[] {0, 1, 127, 128, 1_000, 123_456, 5_000_000, 987_654_321, 30_000_000_000L}) {
            double middle = LatencyHistogram.middleOf(LatencyHistogram.indexOf(value));
            assertThat(middle).isCloseTo(value, within(Math.max(0.5, value * 0.004)));
        }
    }

    @Test
    void percentilesOfAUniformSpread() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 10_000; micros++) {
            histogram.record(micros * 1_000);
        }
        assertThat(histogram.count()).isEqualTo(10_000);
        assertThat(histogram.percentileNanos(50)).isCloseTo(5_000_000, within(5_000_000 * 0.005));
        assertThat(histogram.percentileNanos(99)).isCloseTo(9_900_000, within(9_900_000 * 0.005));
        assertThat(histogram.percentileNanos(99.9)).isCloseTo(9_990_000, within(9_990_000 * 0.005));
        assertThat(histogram.percentileNanos(100)).isEqualTo(10_000_000);
        assertThat(histogram.maxNanos()).isEqualTo(10_000_000);
        assertThat(histogram.meanNanos()).isCloseTo(5_000_500, within(1.0));
    }

    @Test
    void emptyAndNegative() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertThat(histogram.percentileNanos(50)).isNaN();
        histogram.record(-5);
        assertThat(histogram.percentileNanos(50)).isZero();
    }
}
