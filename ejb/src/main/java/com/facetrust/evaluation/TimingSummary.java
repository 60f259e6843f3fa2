package com.facetrust.evaluation;

import java.util.Arrays;

/**
 * Percentiles of per-image processing times (nearest-rank definition).
 *
 * @param count number of timed images
 * @param p50   median in milliseconds
 * @param p95   95th percentile in milliseconds
 * @param max   slowest in milliseconds
 * @param mean  mean in milliseconds
 */
public record TimingSummary(int count, double p50, double p95, double max, double mean) {

    public static TimingSummary of(double[] millis) {
        if (millis.length == 0) {
            return new TimingSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double m : sorted) {
            sum += m;
        }
        return new TimingSummary(sorted.length, percentile(sorted, 50), percentile(sorted, 95),
                sorted[sorted.length - 1], sum / sorted.length);
    }

    /** Nearest-rank percentile of a sorted array: the smallest value with at least p % of values at or below. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
