package com.facetrust.infrastructure.crypto;

import java.util.Arrays;
import java.util.Random;

/**
 * Unlinkability figures of ISO/IEC 30136 as proposed by Gomez-Barrero et al., "General framework to evaluate
 * unlinkability in biometric template protection systems", IEEE TIFS 13(6), 2018: from scores of mated pairs (one
 * subject, two domains) and non-mated pairs (two subjects, two domains),
 * <ul>
 *   <li>local linkability D&harr;(s) = max(0, 2 p(H<sub>m</sub>|s) &minus; 1) with p(H<sub>m</sub>|s) =
 *       LR(s)&middot;&omega; / (1 + LR(s)&middot;&omega;), LR(s) = p(s|H<sub>m</sub>) / p(s|H<sub>nm</sub>),
 *       &omega; = 1 (equal priors, as in the paper's evaluations);</li>
 *   <li>global linkability D&harr;<sub>sys</sub> = &int; p(s|H<sub>m</sub>) D&harr;(s) ds, 0 = fully unlinkable,
 *       1 = fully linkable;</li>
 *   <li>the overlap of the two score densities, &int; min(p<sub>m</sub>, p<sub>nm</sub>) ds (1 = identical).</li>
 * </ul>
 * Densities are histograms over the pooled score range. A finite sample never gives exactly 0, so
 * {@link #noiseFloor} estimates what equal distributions of these sizes score: the honest baseline to compare with.
 */
final class UnlinkabilityMetric {
    static final int DEFAULT_BINS = 100;

    record Result(double dSys, double overlap, int matedPairs, int nonMatedPairs, double matedMean, double matedStd,
                  double nonMatedMean, double nonMatedStd) {
    }

    private UnlinkabilityMetric() {
    }

    /**
     * Histogram bins for a mated sample of this size: about its square root, within [10, 100], so that sparse
     * mated bins do not inflate D&harr;sys (with 61 mated scores, 100 bins left most bins with 0 or 1 score).
     */
    static int binsFor(int matedCount) {
        return Math.max(10, Math.min(DEFAULT_BINS, (int) Math.round(Math.sqrt(matedCount))));
    }

    static Result evaluate(double[] mated, double[] nonMated, int bins) {
        if (mated.length == 0 || nonMated.length == 0) {
            throw new IllegalArgumentException("both score sets must be non-empty");
        }
        double lo = Math.min(min(mated), min(nonMated));
        double hi = Math.max(max(mated), max(nonMated));
        if (hi <= lo) {
            hi = lo + 1e-9;
        }
        double width = (hi - lo) / bins;
        double[] pm = density(mated, lo, width, bins);
        double[] pn = density(nonMated, lo, width, bins);
        double dSys = 0;
        double overlap = 0;
        for (int i = 0; i < bins; i++) {
            overlap += Math.min(pm[i], pn[i]) * width;
            if (pm[i] == 0) {
                continue;
            }
            double local;
            if (pn[i] == 0) {
                local = 1.0; // LR infinite: a score here is certainly mated
            } else {
                double lr = pm[i] / pn[i];
                local = lr > 1 ? (lr - 1) / (lr + 1) : 0;
            }
            dSys += pm[i] * local * width;
        }
        return new Result(dSys, overlap, mated.length, nonMated.length, mean(mated), std(mated), mean(nonMated),
                std(nonMated));
    }

    /**
     * D&harr;<sub>sys</sub> of two samples drawn from the same scores (a random split of the non-mated set into
     * "mated" of {@code matedCount} and the rest), averaged over {@code rounds}: the value equal distributions
     * reach by sampling noise alone.
     */
    static double noiseFloor(double[] nonMated, int matedCount, int bins, int rounds, long seed) {
        Random random = new Random(seed);
        double sum = 0;
        for (int r = 0; r < rounds; r++) {
            double[] shuffled = nonMated.clone();
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            int m = Math.min(matedCount, shuffled.length / 2);
            sum += evaluate(Arrays.copyOf(shuffled, m), Arrays.copyOfRange(shuffled, m, shuffled.length), bins).dSys();
        }
        return sum / rounds;
    }

    private static double[] density(double[] scores, double lo, double width, int bins) {
        double[] d = new double[bins];
        for (double s : scores) {
            int i = (int) ((s - lo) / width);
            d[Math.max(0, Math.min(bins - 1, i))]++;
        }
        for (int i = 0; i < bins; i++) {
            d[i] /= scores.length * width;
        }
        return d;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / Math.max(1, v.length - 1));
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }
}
