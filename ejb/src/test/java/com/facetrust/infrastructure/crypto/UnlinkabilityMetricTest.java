package com.facetrust.infrastructure.crypto;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The linkability metric against known answers. */
class UnlinkabilityMetricTest {

    @Test
    void disjointDistributionsAreFullyLinkable() {
        double[] mated = gaussians(new Random(1), 5000, 0.8, 0.05);
        double[] nonMated = gaussians(new Random(2), 20000, 0.0, 0.05);
        UnlinkabilityMetric.Result r = UnlinkabilityMetric.evaluate(mated, nonMated, 100);
        assertEquals(1.0, r.dSys(), 1e-3);
        assertEquals(0.0, r.overlap(), 1e-3);
    }

    @Test
    void equalDistributionsReachOnlyTheNoiseFloor() {
        double[] mated = gaussians(new Random(3), 5000, 0.0, 0.05);
        double[] nonMated = gaussians(new Random(4), 50000, 0.0, 0.05);
        UnlinkabilityMetric.Result r = UnlinkabilityMetric.evaluate(mated, nonMated, 100);
        double floor = UnlinkabilityMetric.noiseFloor(nonMated, mated.length, 100, 5, 9);
        assertTrue(r.dSys() < 0.05, "D_sys " + r.dSys());
        assertTrue(r.overlap() > 0.9, "overlap " + r.overlap());
        assertEquals(floor, r.dSys(), 0.02);
    }

    /**
     * Two unit-variance Gaussians d apart: D_sys = integral of p_m(s) max(0, (LR-1)/(LR+1)) with
     * LR = exp(d s - d^2/2) (mated mean d, non-mated mean 0); overlap = 2 Phi(-d/2).
     */
    @Test
    void shiftedGaussiansMatchTheClosedFormIntegral() {
        double d = 1.5;
        double expectedDsys = 0;
        double step = 1e-4;
        for (double s = -10; s < 12; s += step) {
            double pm = Math.exp(-(s - d) * (s - d) / 2) / Math.sqrt(2 * Math.PI);
            double lr = Math.exp(d * s - d * d / 2);
            expectedDsys += pm * Math.max(0, (lr - 1) / (lr + 1)) * step;
        }
        double[] mated = gaussians(new Random(5), 200000, d, 1);
        double[] nonMated = gaussians(new Random(6), 200000, 0, 1);
        UnlinkabilityMetric.Result r = UnlinkabilityMetric.evaluate(mated, nonMated, 100);
        assertEquals(expectedDsys, r.dSys(), 0.01);
        assertEquals(0.4533, r.overlap(), 0.01); // 2 * Phi(-0.75)
    }

    static double[] gaussians(Random random, int n, double mean, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + std * random.nextGaussian();
        }
        return v;
    }
}
