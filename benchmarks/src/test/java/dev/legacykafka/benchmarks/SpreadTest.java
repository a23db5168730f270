package dev.legacykafka.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void medianOfOddAndEvenCountsWithTheRange() {
        Spread odd = Spread.of(5, 1, 3, 2, 4);
        assertThat(odd.median()).isEqualTo(3);
        assertThat(odd.min()).isEqualTo(1);
        assertThat(odd.max()).isEqualTo(5);
        assertThat(Spread.of(4, 1, 3, 2).median()).isEqualTo(2.5);
        assertThat(odd.format(1)).isEqualTo("3.0 (1.0–5.0)");
        assertThat(Spread.of(1_234_567).format(0)).isEqualTo("1,234,567");
    }

    @Test
    void unknownFiguresAreLeftOut() {
        Spread some = Spread.of(Double.NaN, 2, 4);
        assertThat(some.median()).isEqualTo(3);
        assertThat(some.count()).isEqualTo(2);
        assertThat(Spread.of(Double.NaN).format(0)).isEqualTo("n/a");
        assertThat(Spread.of().formatMedian(0)).isEqualTo("n/a");
    }
}
