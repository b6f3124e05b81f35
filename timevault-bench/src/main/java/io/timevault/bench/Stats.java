package io.timevault.bench;

import java.util.Arrays;

/** Medians of repeated measurements: the machine is noisy, a median of interleaved rounds is what we report. */
final class Stats {

    private Stats() {
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }
}
