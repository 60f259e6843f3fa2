package com.facetrust.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Where the false rejects come from: FRR at one threshold for genuine pairs grouped by a capture condition of the
 * pair's worse image (smaller interpupillary distance, larger |yaw|, ...). Says which conditions the model fails on.
 */
public final class ConditionBreakdown {

    /**
     * @param lower  bucket lower bound (inclusive)
     * @param upper  bucket upper bound (exclusive)
     */
    public record Row(double lower, double upper, int genuinePairs, int falseRejects) {
        public double frr() {
            return genuinePairs == 0 ? Double.NaN : (double) falseRejects / genuinePairs;
        }
    }

    /** @param condition human-readable name; @param rows buckets in order; @param unknown pairs lacking the measure */
    public record Result(String condition, double threshold, List<Row> rows, int unknown) {
    }

    /** How a pair's two values become the pair's condition. */
    public enum Worse {
        /** The smaller value is the worse one (sizes, sharpness). */
        MIN,
        /** The larger absolute value is the worse one (angles). */
        MAX_ABS
    }

    private ConditionBreakdown() {
    }

    /**
     * @param samples    usable images (identity-labelled)
     * @param measure    the per-image value
     * @param worse      how the pair's value is formed
     * @param edges      ascending bucket edges; values below the first or at/above the last get their own buckets
     */
    public static Result of(String condition, List<AllPairsScorer.Sample> samples,
                            ToDoubleFunction<AllPairsScorer.Sample> measure, Worse worse, double threshold,
                            double... edges) {
        int buckets = edges.length + 1;
        int[] pairs = new int[buckets], rejects = new int[buckets];
        int unknown = 0;
        for (int i = 0; i < samples.size(); i++) {
            AllPairsScorer.Sample a = samples.get(i);
            for (int j = i + 1; j < samples.size(); j++) {
                AllPairsScorer.Sample b = samples.get(j);
                if (a.identity() != b.identity()) {
                    continue;
                }
                double va = measure.applyAsDouble(a), vb = measure.applyAsDouble(b);
                if (Double.isNaN(va) || Double.isNaN(vb)) {
                    unknown++;
                    continue;
                }
                double v = worse == Worse.MIN ? Math.min(va, vb) : Math.max(Math.abs(va), Math.abs(vb));
                int k = 0;
                while (k < edges.length && v >= edges[k]) {
                    k++;
                }
                pairs[k]++;
                if (Embeddings.dot(a.embedding(), b.embedding()) < threshold) {
                    rejects[k]++;
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < buckets; k++) {
            double lo = k == 0 ? Double.NEGATIVE_INFINITY : edges[k - 1];
            double hi = k == edges.length ? Double.POSITIVE_INFINITY : edges[k];
            rows.add(new Row(lo, hi, pairs[k], rejects[k]));
        }
        return new Result(condition, threshold, rows, unknown);
    }
}
