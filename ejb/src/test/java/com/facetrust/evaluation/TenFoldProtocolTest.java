package com.facetrust.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenFoldProtocolTest {

    private static List<TenFoldProtocol.ScoredPair> separable() {
        List<TenFoldProtocol.ScoredPair> pairs = new ArrayList<>();
        for (int f = 0; f < 10; f++) {
            for (int k = 0; k < 10; k++) {
                pairs.add(new TenFoldProtocol.ScoredPair(f, true, 0.8));
                pairs.add(new TenFoldProtocol.ScoredPair(f, false, 0.2));
            }
        }
        return pairs;
    }

    @Test
    void perfectSeparationGivesFullAccuracy() {
        TenFoldProtocol.Result r = TenFoldProtocol.evaluate(separable());
        assertEquals(10, r.folds().size());
        assertEquals(1.0, r.mean(), 1e-12);
        assertEquals(0.0, r.std(), 1e-12);
        assertEquals(0.5, r.folds().get(0).threshold(), 1e-9, "midway between the two score levels");
    }

    @Test
    void oneErrorInOneFold() {
        List<TenFoldProtocol.ScoredPair> pairs = separable();
        pairs.set(pairs.indexOf(new TenFoldProtocol.ScoredPair(3, false, 0.2)),
                new TenFoldProtocol.ScoredPair(3, false, 0.9));
        TenFoldProtocol.Result r = TenFoldProtocol.evaluate(pairs);
        assertEquals(0.95, r.folds().get(3).accuracy(), 1e-12);
        assertEquals(0.995, r.mean(), 1e-12);
        assertEquals(0.015, r.std(), 1e-12); // population std of nine 1.0 and one 0.95
    }

    @Test
    void unscoredPairsCountAsErrors() {
        List<TenFoldProtocol.ScoredPair> pairs = separable();
        pairs.set(0, new TenFoldProtocol.ScoredPair(0, true, Double.NaN));
        TenFoldProtocol.Result r = TenFoldProtocol.evaluate(pairs);
        assertEquals(1, r.unscoredPairs());
        assertEquals(0.95, r.folds().get(0).accuracy(), 1e-12);
    }

    @Test
    void bestThresholdMaximisesAccuracy() {
        List<TenFoldProtocol.ScoredPair> p = List.of(
                new TenFoldProtocol.ScoredPair(0, true, 0.6), new TenFoldProtocol.ScoredPair(0, true, 0.7),
                new TenFoldProtocol.ScoredPair(0, false, 0.1), new TenFoldProtocol.ScoredPair(0, false, 0.2),
                new TenFoldProtocol.ScoredPair(0, false, 0.65));
        double t = TenFoldProtocol.bestThreshold(p);
        assertEquals(0.8, TenFoldProtocol.accuracy(p, t), 1e-12, "4 of 5 is the best any threshold does");
    }
}
