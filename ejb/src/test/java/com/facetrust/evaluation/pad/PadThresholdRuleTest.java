package com.facetrust.evaluation.pad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void needsBothClasses() {
        assertThrows(IllegalArgumentException.class,
                () -> PadThresholdRule.marginThreshold(new double[0], new double[] {0.1}));
    }
}
