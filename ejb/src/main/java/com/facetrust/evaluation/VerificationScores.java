package com.facetrust.evaluation;

import java.util.Arrays;

/**
 * Comparison scores of genuine (same identity) and impostor (different identities) pairs, each sorted ascending
 * once so that every later count ("how many impostors score at least t") is a binary search.
 *
 * <p>A decision accepts a pair when {@code score >= threshold}.
 */
public final class VerificationScores {

    private final float[] genuine;
    private final float[] impostor;
    private final long impostorPopulation;

    /**
     * @param genuine            genuine scores (copied and sorted)
     * @param impostor           impostor scores (copied and sorted)
     * @param impostorPopulation how many impostor pairs existed; larger than {@code impostor.length} when the
     *                           impostors were sampled
     */
    public VerificationScores(float[] genuine, float[] impostor, long impostorPopulation) {
        this.genuine = sortedCopy(genuine);
        this.impostor = sortedCopy(impostor);
        if (impostorPopulation < impostor.length) {
            throw new IllegalArgumentException("population smaller than the sample");
        }
        this.impostorPopulation = impostorPopulation;
    }

    public VerificationScores(float[] genuine, float[] impostor) {
        this(genuine, impostor, impostor.length);
    }

    private static float[] sortedCopy(float[] scores) {
        float[] copy = scores.clone();
        for (float s : copy) {
            if (Float.isNaN(s)) {
                throw new IllegalArgumentException("NaN score");
            }
        }
        Arrays.sort(copy);
        return copy;
    }

    public int genuineCount() {
        return genuine.length;
    }

    public int impostorCount() {
        return impostor.length;
    }

    /** All impostor pairs that existed (equals {@link #impostorCount()} unless sampled). */
    public long impostorPopulation() {
        return impostorPopulation;
    }

    public boolean impostorsSampled() {
        return impostorPopulation > impostor.length;
    }

    /** Sorted ascending; do not modify. */
    float[] genuineSorted() {
        return genuine;
    }

    /** Sorted ascending; do not modify. */
    float[] impostorSorted() {
        return impostor;
    }

    /** Number of genuine pairs rejected at threshold t (score below t). */
    public int falseRejects(double threshold) {
        return countBelow(genuine, threshold);
    }

    /** Number of impostor pairs accepted at threshold t (score at or above t). */
    public int falseAccepts(double threshold) {
        return impostor.length - countBelow(impostor, threshold);
    }

    public double frr(double threshold) {
        return genuine.length == 0 ? Double.NaN : (double) falseRejects(threshold) / genuine.length;
    }

    public double far(double threshold) {
        return impostor.length == 0 ? Double.NaN : (double) falseAccepts(threshold) / impostor.length;
    }

    public double genuineMean() {
        return mean(genuine);
    }

    public double impostorMean() {
        return mean(impostor);
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    /** Index of the first element {@code >= t} in a sorted array, i.e. how many are below t. */
    static int countBelow(float[] sorted, double t) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
