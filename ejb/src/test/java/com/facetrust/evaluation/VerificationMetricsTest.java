package com.facetrust.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Known-answer tests of FRR at FAR, thresholds, intervals and EER (A-6.4, D-7.1 are measured with these). */
class VerificationMetricsTest {

    /** 10 000 impostors at 0.0000 .. 0.9999; 100 genuine: 3 at 0.95, 2 at 0.995, 95 at 1.0. */
    private static VerificationScores ladder() {
        float[] imp = new float[10_000];
        for (int i = 0; i < imp.length; i++) {
            imp[i] = i / 10_000f;
        }
        float[] gen = new float[100];
        java.util.Arrays.fill(gen, 1.0f);
        gen[0] = gen[1] = gen[2] = 0.95f;
        gen[3] = gen[4] = 0.995f;
        return new VerificationScores(gen, imp);
    }

    @Test
    void frrAtFarUsesTheLowestThresholdThatKeepsFarAtTarget() {
        List<OperatingPoint> points = VerificationMetrics.operatingPoints(ladder(), 1e-2, 1e-3, 1e-4);

        OperatingPoint p2 = points.get(0);
        assertTrue(p2.measurable());
        assertEquals(100, p2.falseAccepts(), "exactly 1 % of 10 000 impostors accepted");
        assertEquals(0.01, p2.achievedFar(), 1e-12);
        assertEquals(0.9899, p2.threshold(), 1e-6);
        assertEquals(3, p2.falseRejects());
        assertEquals(0.03, p2.frr(), 1e-12);

        OperatingPoint p3 = points.get(1);
        assertTrue(p3.measurable());
        assertEquals(10, p3.falseAccepts());
        assertEquals(0.9989, p3.threshold(), 1e-6);
        assertEquals(5, p3.falseRejects());
        assertEquals(100, p3.genuinePairs());
        assertEquals(10_000, p3.impostorPairs());
        // Clopper-Pearson 95 % for 5/100 (reference value from R binom.test: 0.01643 .. 0.11284)
        assertEquals(0.016431, p3.frrInterval().lower(), 1e-5);
        assertEquals(0.112836, p3.frrInterval().upper(), 1e-5);

        OperatingPoint p4 = points.get(2);
        assertFalse(p4.measurable(), "10 000 impostors < 3/1e-4 = 30 000: rule of three");
        assertTrue(Double.isNaN(p4.frr()));
    }

    @Test
    void tiedImpostorScoresAreNeverSplit() {
        float[] imp = new float[10_000];
        java.util.Arrays.fill(imp, 0.5f);
        VerificationScores s = new VerificationScores(new float[] {0.4f, 0.6f}, imp);
        OperatingPoint p = VerificationMetrics.atFar(s, 1e-2);
        assertEquals(0, p.falseAccepts(), "accepting any of the tied scores would accept all of them");
        assertEquals(0.5, p.frr(), 1e-12);
    }

    @Test
    void eerOfASmallHandMadeSet() {
        VerificationScores s = new VerificationScores(new float[] {0.6f, 0.7f, 0.8f, 0.9f},
                new float[] {0.1f, 0.2f, 0.3f, 0.65f});
        VerificationMetrics.EqualErrorRate eer = VerificationMetrics.equalErrorRate(s);
        assertEquals(0.25, eer.rate(), 1e-9);
        assertEquals(0.65, eer.threshold(), 1e-6);
    }

    @Test
    void eerIsZeroWhenPerfectlySeparated() {
        VerificationScores s = new VerificationScores(new float[] {0.6f, 0.7f}, new float[] {0.1f, 0.2f});
        assertEquals(0, VerificationMetrics.equalErrorRate(s).rate(), 1e-12);
    }

    @Test
    void eerWhenAllScoresTie() {
        VerificationScores s = new VerificationScores(new float[] {0.5f}, new float[] {0.5f});
        assertEquals(0.5, VerificationMetrics.equalErrorRate(s).rate(), 1e-9);
    }

    /** Two unit Gaussians two standard deviations apart: EER = Φ(−1), FRR at FAR 1 % = Φ(z₀.₉₉ − 2). */
    @Test
    void gaussianScoresMatchTheoreticalRates() {
        Random r = new Random(42);
        float[] gen = new float[200_000];
        float[] imp = new float[200_000];
        for (int i = 0; i < gen.length; i++) {
            gen[i] = (float) (2 + r.nextGaussian());
            imp[i] = (float) r.nextGaussian();
        }
        VerificationScores s = new VerificationScores(gen, imp);
        assertEquals(NormalDeviate.cdf(-1), VerificationMetrics.equalErrorRate(s).rate(), 0.003);
        OperatingPoint p = VerificationMetrics.atFar(s, 1e-2);
        assertEquals(NormalDeviate.inverseCdf(0.99), p.threshold(), 0.03);
        assertEquals(NormalDeviate.cdf(NormalDeviate.inverseCdf(0.99) - 2), p.frr(), 0.01);
        assertTrue(p.frrInterval().lower() < p.frr() && p.frr() < p.frrInterval().upper());
    }

    @Test
    void histogramCountsEveryScoreOnce() {
        VerificationScores s = new VerificationScores(new float[] {0.95f, 0.99f, 1.0f},
                new float[] {-1.0f, -0.01f, 0.0f, 0.01f});
        ScoreHistogram h = ScoreHistogram.of(s, 100);
        assertEquals(3, ScoreHistogram.sum(h.genuine()));
        assertEquals(4, ScoreHistogram.sum(h.impostor()));
        assertEquals(1, h.impostor()[0], "-1 in the first bin");
        assertEquals(2, h.genuine()[99], "0.99 and 1.0 in the last bin");
        assertEquals(1, h.impostor()[49], "-0.01 in [-0.02, 0)");
        assertEquals(2, h.impostor()[50], "0 and 0.01 in [0, 0.02)");
        assertTrue(h.toCsv().startsWith("bin_low,bin_high,genuine_count"));
    }

    @Test
    void detCurveIsMonotoneAndReachesBothEnds() {
        DetCurve det = DetCurve.of(ladder(), 20);
        double prevFar = 2, prevFrr = -1;
        for (DetCurve.Point p : det.points()) {
            assertTrue(p.far() <= prevFar && p.frr() >= prevFrr, "FAR falls and FRR rises with the threshold");
            prevFar = p.far();
            prevFrr = p.frr();
        }
        assertEquals(0, det.points().get(det.points().size() - 1).far(), 0);
        assertTrue(det.points().stream().anyMatch(p -> p.falseAccepts() == 1));
        assertTrue(det.toCsv().lines().count() > 20);
    }

    @Test
    void timingPercentilesByNearestRank() {
        double[] ms = new double[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = 100 - i; // unsorted input
        }
        TimingSummary t = TimingSummary.of(ms);
        assertEquals(50, t.p50());
        assertEquals(95, t.p95());
        assertEquals(100, t.max());
        assertEquals(50.5, t.mean(), 1e-12);
    }
}
