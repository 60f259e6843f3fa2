package com.facetrust.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reference values from R's binom.test (Clopper-Pearson) and prop.test without continuity correction (Wilson). */
class BinomialIntervalTest {

    @Test
    void clopperPearsonKnownValues() {
        BinomialInterval zero = BinomialInterval.clopperPearson(0, 10, 0.95);
        assertEquals(0, zero.lower(), 0);
        assertEquals(1 - Math.pow(0.025, 0.1), zero.upper(), 1e-9); // closed form when k = 0

        BinomialInterval half = BinomialInterval.clopperPearson(5, 10, 0.95);
        assertEquals(0.187086, half.lower(), 1e-5);
        assertEquals(0.812914, half.upper(), 1e-5);

        BinomialInterval rare = BinomialInterval.clopperPearson(1, 100, 0.95);
        assertEquals(0.000253, rare.lower(), 1e-6);
        assertEquals(0.054460, rare.upper(), 1e-5);

        BinomialInterval all = BinomialInterval.clopperPearson(10, 10, 0.95);
        assertEquals(Math.pow(0.025, 0.1), all.lower(), 1e-9);
        assertEquals(1, all.upper(), 0);
    }

    @Test
    void clopperPearsonOnLargeCounts() {
        // 1 700 errors in 100 000 trials: close to the normal approximation
        BinomialInterval i = BinomialInterval.clopperPearson(1_700, 100_000, 0.95);
        double se = Math.sqrt(0.017 * 0.983 / 100_000);
        assertEquals(0.017 - 1.96 * se, i.lower(), 2e-4);
        assertEquals(0.017 + 1.96 * se, i.upper(), 2e-4);
    }

    @Test
    void wilsonKnownValues() {
        BinomialInterval w = BinomialInterval.wilson(5, 10, 0.95);
        assertEquals(0.236593, w.lower(), 1e-5);
        assertEquals(0.763407, w.upper(), 1e-5);
    }

    @Test
    void normalQuantiles() {
        assertEquals(1.959964, NormalDeviate.inverseCdf(0.975), 1e-6);
        assertEquals(0, NormalDeviate.inverseCdf(0.5), 1e-9);
        assertEquals(-4.753424, NormalDeviate.inverseCdf(1e-6), 1e-5);
        assertEquals(2.326348, NormalDeviate.inverseCdf(0.99), 1e-6);
    }

    @Test
    void logGammaAndBeta() {
        assertEquals(Math.log(120), BinomialInterval.logGamma(6), 1e-12);
        assertEquals(0.5, BinomialInterval.regularizedBeta(0.5, 3, 3), 1e-12);
        // I_x(1, b) = 1 - (1-x)^b
        assertEquals(1 - Math.pow(0.7, 4), BinomialInterval.regularizedBeta(0.3, 1, 4), 1e-12);
    }
}
