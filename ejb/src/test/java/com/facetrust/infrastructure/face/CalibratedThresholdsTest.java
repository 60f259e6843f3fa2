package com.facetrust.infrastructure.face;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The shipped calibration is readable and ordered: a stricter FAR target needs a higher threshold. */
class CalibratedThresholdsTest {

    @Test
    void thresholdsRiseAsTheTargetFarFalls() {
        CalibratedThresholds t = CalibratedThresholds.fromClasspath();
        Assumptions.assumeTrue(t.dataset().isPresent(), "no calibration resource shipped yet");
        double t3 = t.threshold(1e-3, false).orElseThrow();
        double t4 = t.threshold(1e-4, false).orElseThrow();
        double t5 = t.threshold(1e-5, false).orElseThrow();
        assertTrue(t3 < t4 && t4 < t5, t3 + " < " + t4 + " < " + t5);
        assertTrue(t.threshold(1e-3, true).orElseThrow() >= t3, "conservative is never below point");
        assertTrue(t3 > 0.2 && t5 < 0.7, "cosine thresholds in the model's usual range");
        assertTrue(t.threshold(1e-9, false).isEmpty());
    }
}
