package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.protection.ApplicationDomain;

import javax.crypto.SecretKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The cancellable transform of one application domain key version: a keyed random orthogonal matrix Q (n&times;n),
 * y = Q x. Orthogonality preserves inner products, so cosine scores and hence FAR/FRR are unchanged (no accuracy
 * loss), while templates of one face under two keys are unrelated vectors (unlinkability). A new key gives a new Q
 * (renewability); the inverse is Q<sup>T</sup>, used only to re-issue templates during key rotation.
 *
 * <p>Q comes from the Householder QR decomposition of a Gaussian matrix drawn from {@link KeyedStream}, with the
 * columns' signs fixed by R's diagonal so that Q is Haar-distributed (uniform over the orthogonal group). A keyed
 * permutation or sign flip on top would add nothing: they are orthogonal matrices themselves, already covered by
 * a Haar-random Q.
 *
 * <p>Immutable and thread-safe; {@link #destroy()} overwrites the matrix once its key is destroyed.
 */
public final class OrthogonalDomainTransform {
    private final int dimension;
    /** Column-major: element (row i, column j) at {@code q[j * n + i]}. */
    private final double[] q;
    private volatile boolean destroyed;

    private OrthogonalDomainTransform(int dimension, double[] q) {
        this.dimension = dimension;
        this.q = q;
    }

    /** Derives the transform of {@code domain} key {@code version} from its key; deterministic for these inputs. */
    public static OrthogonalDomainTransform derive(SecretKey domainKey, ApplicationDomain domain, int version,
                                                   int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive");
        }
        KeyedStream stream = new KeyedStream(domainKey, label(domain, version, dimension));
        int n = dimension;
        // a[j * n + i] = A(i, j): columns contiguous, as Householder works column by column.
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = stream.nextGaussian();
        }
        double[][] reflectors = new double[n][];
        double[] rDiagonalSign = new double[n];
        for (int k = 0; k < n; k++) {
            int len = n - k;
            double[] v = new double[len];
            System.arraycopy(a, k * n + k, v, 0, len);
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            double alpha = v[0] > 0 ? -norm : norm; // R(k,k) = alpha; sign chosen against cancellation
            rDiagonalSign[k] = alpha >= 0 ? 1.0 : -1.0;
            v[0] -= alpha;
            double vNorm = 0;
            for (double x : v) {
                vNorm += x * x;
            }
            vNorm = Math.sqrt(vNorm);
            if (vNorm == 0) { // column already reduced (probability zero for Gaussian input)
                reflectors[k] = null;
                continue;
            }
            for (int i = 0; i < len; i++) {
                v[i] /= vNorm;
            }
            reflectors[k] = v;
            for (int j = k + 1; j < n; j++) {
                applyReflector(v, a, j * n + k);
            }
        }
        Arrays.fill(a, 0);
        // Q = H_0 H_1 ... H_{n-1}: accumulate from the identity, last reflector first.
        double[] q = new double[n * n];
        for (int j = 0; j < n; j++) {
            q[j * n + j] = 1.0;
        }
        for (int k = n - 1; k >= 0; k--) {
            double[] v = reflectors[k];
            if (v == null) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                applyReflector(v, q, j * n + k);
            }
            Arrays.fill(v, 0);
        }
        // Q D with D = sign(diag R): makes the decomposition unique and Q Haar-distributed.
        for (int j = 0; j < n; j++) {
            if (rDiagonalSign[j] < 0) {
                for (int i = 0; i < n; i++) {
                    q[j * n + i] = -q[j * n + i];
                }
            }
        }
        return new OrthogonalDomainTransform(n, q);
    }

    /** x[offset .. offset+len) -= 2 v (v . x[offset ..]) — one Householder reflection of one column segment. */
    private static void applyReflector(double[] v, double[] x, int offset) {
        double dot = 0;
        for (int i = 0; i < v.length; i++) {
            dot += v[i] * x[offset + i];
        }
        dot *= 2;
        for (int i = 0; i < v.length; i++) {
            x[offset + i] -= dot * v[i];
        }
    }

    private static byte[] label(ApplicationDomain domain, int version, int dimension) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("facetrust/template-transform/v1|".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(domain.nameBytes());
        out.writeBytes(ByteBuffer.allocate(8).putInt(version).putInt(dimension).array());
        return out.toByteArray();
    }

    public int dimension() {
        return dimension;
    }

    /** y = Q x. */
    public double[] apply(float[] x) {
        checkUsable(x.length);
        int n = dimension;
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            double xj = x[j];
            int col = j * n;
            for (int i = 0; i < n; i++) {
                y[i] += q[col + i] * xj;
            }
        }
        return y;
    }

    /** x = Q<sup>T</sup> y (the inverse, Q being orthogonal). */
    public double[] invert(double[] y) {
        checkUsable(y.length);
        int n = dimension;
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            int col = j * n;
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += q[col + i] * y[i];
            }
            x[j] = s;
        }
        return x;
    }

    /** Element Q(i, j), for tests of orthogonality. */
    double element(int row, int column) {
        return q[column * dimension + row];
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    /** Overwrites the matrix: after its key is destroyed the transform must not linger in memory. */
    public void destroy() {
        destroyed = true;
        Arrays.fill(q, 0);
    }

    private void checkUsable(int length) {
        if (destroyed) {
            throw new IllegalStateException("the transform was destroyed with its key");
        }
        if (length != dimension) {
            throw new IllegalArgumentException("vector of length " + length + ", transform of dimension " + dimension);
        }
    }
}
