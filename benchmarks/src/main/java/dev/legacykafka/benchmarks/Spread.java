package dev.legacykafka.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * The median of a figure over repetitions and its range (min–max), as every summary row reports
 * it. NaN values (a figure a client does not have) are left out; none left gives NaN throughout.
 */
record Spread(double median, double min, double max, int count) {

    static Spread of(double... values) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /** {@code median (min–max)} with the given decimals and thousands separators; "n/a" if empty. */
    String format(int decimals) {
        if (count == 0) {
            return "n/a";
        }
        String f = "%,." + decimals + "f";
        if (count == 1) {
            return String.format(Locale.ROOT, f, median);
        }
        return String.format(Locale.ROOT, f + " (" + f + "–" + f + ")", median, min, max);
    }

    /** The median alone, or "n/a". */
    String formatMedian(int decimals) {
        return count == 0 ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", median);
    }
}
