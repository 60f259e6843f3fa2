package com.facetrust.domain.face;

import java.util.Arrays;

/**
 * A face template vector: L2-normalised, so the cosine similarity of two embeddings is their dot product
 * (range −1..1; same person typically above ≈ 0.35, see docs/performance.md for calibrated thresholds).
 */
public final class Embedding {
    private final float[] values;

    private Embedding(float[] normalised) {
        this.values = normalised;
    }

    /** L2-normalises a copy of the raw vector; refuses zero or non-finite vectors. */
    public static Embedding ofRaw(float[] raw) {
        double sum = 0;
        for (float v : raw) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("embedding has a non-finite component");
            }
            sum += (double) v * v;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("embedding is the zero vector");
        }
        double inv = 1 / Math.sqrt(sum);
        float[] n = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            n[i] = (float) (raw[i] * inv);
        }
        return new Embedding(n);
    }

    /** Mean of several embeddings, re-normalised (multi-reference enrolment or flip fusion). */
    public static Embedding mean(Embedding... embeddings) {
        if (embeddings.length == 0) {
            throw new IllegalArgumentException("no embeddings to average");
        }
        float[] sum = new float[embeddings[0].dimension()];
        for (Embedding e : embeddings) {
            if (e.dimension() != sum.length) {
                throw new IllegalArgumentException("dimension mismatch");
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += e.values[i];
            }
        }
        return ofRaw(sum);
    }

    public int dimension() {
        return values.length;
    }

    /** A copy of the normalised components. */
    public float[] values() {
        return values.clone();
    }

    /** Cosine similarity = dot product of the two unit vectors. */
    public double cosine(Embedding other) {
        if (other.values.length != values.length) {
            throw new IllegalArgumentException("dimension mismatch: " + values.length + " vs " + other.values.length);
        }
        double dot = 0;
        for (int i = 0; i < values.length; i++) {
            dot += values[i] * other.values[i];
        }
        return dot;
    }

    /** Overwrites the components (residual data, A-5.7.1f); the object must not be used afterwards. */
    public void wipe() {
        Arrays.fill(values, 0f);
    }

    @Override
    public String toString() {
        return "Embedding[" + values.length + "-d]"; // never print biometric values into logs
    }
}
