package com.facetrust.infrastructure.gallery;

/**
 * The compact form of one vector: the unit vector {@code v / |v|} as int8 codes {@code c} with one scale {@code s}
 * ({@code s = max|v_i| / 127}), the Euclidean norm of the quantisation error {@code e = |v/|v| - s c|} (rounded up,
 * so it is a true bound), and the sign sketch (bit i set when component i is negative).
 *
 * <p>Why the error is kept: for unit vectors p and x with codes p', x', {@code |p.x - p'.x'| <= e_x + e_p (1 + e_x)}
 * (Cauchy-Schwarz, since |x'| <= 1 + e_x). A search uses this bound to prove which templates cannot be among the
 * best and re-ranks all others with the exact floats, so quantisation never changes a result.
 */
public record QuantisedVector(byte[] codes, float scale, float error, long[] sketch) {

    /** Floating-point slack added to every bound (the exact cosine itself is computed in double from floats). */
    static final double ROUNDING_SLACK = 1e-6;

    /** Quantises a vector (any non-zero length; it is normalised first). */
    public static QuantisedVector of(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("vector has a NaN or infinite component");
            }
            sum += (double) v * v;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("vector is zero");
        }
        double norm = Math.sqrt(sum);
        double max = 0;
        for (float v : vector) {
            max = Math.max(max, Math.abs(v / norm));
        }
        double scale = max / 127.0;
        byte[] codes = new byte[vector.length];
        long[] sketch = new long[sketchWords(vector.length)];
        double err = 0;
        for (int i = 0; i < vector.length; i++) {
            double u = vector[i] / norm;
            long q = Math.round(u / scale);
            q = Math.max(-127, Math.min(127, q));
            codes[i] = (byte) q;
            double diff = u - (float) scale * q; // the scale is stored as float: bound against what is stored
            err += diff * diff;
            if (vector[i] < 0) {
                sketch[i >>> 6] |= 1L << (i & 63);
            }
        }
        return new QuantisedVector(codes, (float) scale, Math.nextUp((float) Math.sqrt(err)), sketch);
    }

    static int sketchWords(int dimension) {
        return (dimension + 63) >>> 6;
    }

    /** Bound on |exact cosine - approximate score| for a template of quantisation error {@code templateError}. */
    static double bound(double templateError, double probeError) {
        return templateError + probeError * (1 + templateError) + ROUNDING_SLACK;
    }

    /** The cosine of two float vectors as the rest of FaceTrust computes it (double sums of float products). */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
