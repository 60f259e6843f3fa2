package com.facetrust.evaluation.pad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PadThresholdRuleTest {

    @Test
    void midpointInLogitSpaceBetweenWorstAttackAndFirstPercentileLive() {
        // max attack 0.01 (logit −4.595), 1st-percentile live of 0.9..0.99 is 0.9 (logit 2.197) → logit −1.199
        double[] live = new double[100];
        for (int i = 0; i < 100; i++) {
            live[i] = 0.9 + i * 0.0009;
        }
        double t = PadThresholdRule.marginThreshold(live, new double[] {0.001, 0.01, 0.0001});
        assertEquals(1 / (1 + Math.exp(-((Math.log(0.01 / 0.99) + Math.log(0.9 / 0.1)) / 2))), t, 1e-12);
        assertEquals(0.2317, t, 1e-4);
    }

    @Test
    void toleranceRuleIsTheMidpointOfTheTwoTailBoundsInLogitSpace() {
        // Mirror-image classes (live log-odds = −attack log-odds) put the midpoint exactly at 0.5.
        double[] attack = new double[200];
        double[] live = new double[200];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < attack.length; i++) {
            double x = -8 + 2.5 * random.nextGaussian();
            attack[i] = 1 / (1 + Math.exp(-x));
            live[i] = 1 / (1 + Math.exp(x));
        }
        assertEquals(0.5, PadThresholdRule.toleranceThreshold(live, attack), 1e-9);
        // Narrower live scores move the threshold towards the live side: the attack bound stays, the live bound rises.
        double[] tightLive = java.util.Arrays.stream(live).map(p -> 1 / (1 + Math.exp(-(0.3 * Math.log(p / (1 - p))
                + 0.7 * 8)))).toArray();
        assertTrue(PadThresholdRule.toleranceThreshold(tightLive, attack) > 0.5);
    }

    @Test
    void toleranceFactorExceedsTheNormalQuantileAndApproachesItWithMoreData() {
        assertEquals(3.27, PadThresholdRule.toleranceFactor(515), 0.01);
        assertEquals(3.0902, PadThresholdRule.toleranceFactor(1_000_000), 0.005);
        assertTrue(PadThresholdRule.toleranceFactor(50) > PadThresholdRule.toleranceFactor(500));
    }

    @Test
    void needsBothClasses() {
        assertThrows(IllegalArgumentException.class,
                () -> PadThresholdRule.marginThreshold(new double[0], new double[] {0.1}));
    }
}
