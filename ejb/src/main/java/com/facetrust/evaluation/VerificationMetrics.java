package com.facetrust.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * 1:1 verification figures from genuine and impostor scores: FRR at fixed FAR targets (with threshold and 95 %
 * interval) and the equal error rate.
 */
public final class VerificationMetrics {

    /** The FAR targets the issue asks for (A-6.4 uses 1e-3, D-7.1 uses 1e-5). */
    public static final double[] STANDARD_FAR_TARGETS = {1e-2, 1e-3, 1e-4, 1e-5, 1e-6};

    /** Rule of three: with n pairs and no error, the 95 % upper bound of the rate is about 3/n. */
    public static final double RULE_OF_THREE = 3.0;

    private VerificationMetrics() {
    }

    public static List<OperatingPoint> operatingPoints(VerificationScores scores, double... farTargets) {
        List<OperatingPoint> points = new ArrayList<>();
        for (double far : farTargets) {
            points.add(atFar(scores, far));
        }
        return points;
    }

    /**
     * The operating point at a target FAR. The threshold is the lowest one whose observed FAR does not exceed the
     * target: with N impostors, at most k = ⌊target·N⌋ may be accepted, so the threshold sits just above the
     * (k+1)-th highest impostor score.
     */
    public static OperatingPoint atFar(VerificationScores scores, double targetFar) {
        if (!(targetFar > 0 && targetFar < 1)) {
            throw new IllegalArgumentException("target FAR must be in (0,1): " + targetFar);
        }
        int n = scores.impostorCount();
        int g = scores.genuineCount();
        boolean measurable = n > 0 && g > 0 && n >= RULE_OF_THREE / targetFar;
        if (!measurable) {
            return new OperatingPoint(targetFar, false, Double.NaN, Double.NaN, 0, n, Double.NaN, 0, g,
                    new BinomialInterval(Double.NaN, Double.NaN));
        }
        float[] imp = scores.impostorSorted();
        int allowed = (int) Math.floor(targetFar * n + 1e-9);
        double threshold = Math.nextUp(imp[n - 1 - allowed]);
        int falseAccepts = scores.falseAccepts(threshold);
        int falseRejects = scores.falseRejects(threshold);
        return new OperatingPoint(targetFar, true, threshold, (double) falseAccepts / n, falseAccepts, n,
                (double) falseRejects / g, falseRejects, g,
                BinomialInterval.clopperPearson(falseRejects, g, 0.95));
    }

    /**
     * Equal error rate: the rate where FAR and FRR cross. The sweep visits every distinct score as a threshold
     * (accept ≥ t); at the first threshold where FRR ≥ FAR the two curves have crossed between it and the previous
     * one, and the EER is interpolated linearly there.
     */
    public static EqualErrorRate equalErrorRate(VerificationScores scores) {
        float[] gen = scores.genuineSorted();
        float[] imp = scores.impostorSorted();
        int g = gen.length, n = imp.length;
        if (g == 0 || n == 0) {
            return new EqualErrorRate(Double.NaN, Double.NaN);
        }
        // Thresholds in ascending order; FRR(t) rises and FAR(t) falls as t rises.
        int gi = 0, ii = 0;
        double prevFrr = 0, prevFar = 1, prevT = Math.min(gen[0], imp[0]);
        while (gi < g || ii < n) {
            float t = gi < g && (ii >= n || gen[gi] <= imp[ii]) ? gen[gi] : imp[ii];
            while (gi < g && gen[gi] < t) {
                gi++;
            }
            while (ii < n && imp[ii] < t) {
                ii++;
            }
            double frr = (double) gi / g;
            double far = (double) (n - ii) / n;
            if (frr >= far) {
                return interpolatedCrossing(prevFrr, prevFar, prevT, frr, far, t);
            }
            prevFrr = frr;
            prevFar = far;
            prevT = t;
            // advance past this threshold value
            while (gi < g && gen[gi] <= t) {
                gi++;
            }
            while (ii < n && imp[ii] <= t) {
                ii++;
            }
            // the state "accept ≥ nextUp(t)" is evaluated on the next loop turn
        }
        // Only reached with ties at the top score: above every score FRR = 1 and FAR = 0.
        float top = Math.max(gen[g - 1], imp[n - 1]);
        return interpolatedCrossing(prevFrr, prevFar, prevT, 1, 0, Math.nextUp(top));
    }

    private static EqualErrorRate interpolatedCrossing(double prevFrr, double prevFar, double prevT,
                                                       double frr, double far, double t) {
        double dPrev = prevFar - prevFrr; // > 0 before the crossing
        double dHere = far - frr;         // <= 0 at the crossing
        double w = dPrev - dHere == 0 ? 0 : dPrev / (dPrev - dHere);
        double eerFrr = prevFrr + w * (frr - prevFrr);
        double eerFar = prevFar + w * (far - prevFar);
        return new EqualErrorRate((eerFrr + eerFar) / 2, prevT + w * (t - prevT));
    }

    /** @param rate EER in [0,1]; @param threshold score at which it occurs */
    public record EqualErrorRate(double rate, double threshold) {
    }
}
