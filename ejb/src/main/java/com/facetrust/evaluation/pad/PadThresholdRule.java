package com.facetrust.evaluation.pad;

import java.util.Arrays;

/**
 * The documented rule that turns calibration scores into a single-frame liveness threshold. Development sets hold a
 * few hundred attacks, far fewer than the 3,000 that APCER = 0.1 % needs (rule of three), so the threshold cannot be
 * read off an empirical 0.1 % point. Instead it is placed in the gap between the classes with the widest margin:
 * the midpoint, in logit space, between the highest calibration attack score and the 1st-percentile calibration
 * live score. Logit space because the model's probabilities crowd at 0 and 1.
 */
public final class PadThresholdRule {

    private PadThresholdRule() {
    }

    public static double marginThreshold(double[] liveScores, double[] attackScores) {
        if (liveScores.length == 0 || attackScores.length == 0) {
            throw new IllegalArgumentException("calibration needs live and attack scores");
        }
        double maxAttack = Arrays.stream(attackScores).max().orElseThrow();
        double[] live = liveScores.clone();
        Arrays.sort(live);
        double p1Live = live[(int) Math.floor(0.01 * (live.length - 1))];
        return sigmoid((logit(maxAttack) + logit(p1Live)) / 2);
    }

    static double logit(double p) {
        double e = 1e-12;
        double q = Math.max(e, Math.min(1 - e, p));
        return Math.log(q / (1 - q));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
