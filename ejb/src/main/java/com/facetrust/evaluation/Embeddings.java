package com.facetrust.evaluation;

/** Vector arithmetic on L2-normalised embeddings (cosine = dot product). */
public final class Embeddings {

    private Embeddings() {
    }

    /** Dot product with four accumulators, which lets the JIT keep several lanes busy. */
    public static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimension mismatch " + a.length + " vs " + b.length);
        }
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0, n = a.length & ~3;
        for (; i < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Returns a new unit-length copy (unchanged direction). */
    public static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /**
     * Weighted mean of unit vectors, re-normalised: the multi-reference template (two-image enrolment averages
     * two L2-normalised embeddings).
     */
    public static float[] weightedMean(float[][] vectors, double[] weights) {
        float[] sum = new float[vectors[0].length];
        for (int k = 0; k < vectors.length; k++) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += (float) (weights[k] * vectors[k][i]);
            }
        }
        return normalised(sum);
    }

    public static float[] mean(float[]... vectors) {
        double[] w = new double[vectors.length];
        java.util.Arrays.fill(w, 1.0);
        return weightedMean(vectors, w);
    }
}
