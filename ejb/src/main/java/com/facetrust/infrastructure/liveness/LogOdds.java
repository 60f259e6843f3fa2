package com.facetrust.infrastructure.liveness;

/**
 * Log-odds of a liveness probability. The liveness model's probabilities crowd at 0 and 1 (prints near 1e-6, live
 * faces near 1 − 1e-4), so views are fused, thresholds placed and scores compared in logit space.
 */
public final class LogOdds {

    /** Probabilities are clamped to [1e-12, 1 − 1e-12]: a saturated softmax must not give ±∞. */
    private static final double EPSILON = 1e-12;

    private LogOdds() {
    }

    public static double of(double probability) {
        double q = Math.max(EPSILON, Math.min(1 - EPSILON, probability));
        return Math.log(q / (1 - q));
    }

    public static double probability(double logOdds) {
        return 1 / (1 + Math.exp(-logOdds));
    }
}
