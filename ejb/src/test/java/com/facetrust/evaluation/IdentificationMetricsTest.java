package com.facetrust.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdentificationMetricsTest {

    /** Identity k's images are the k-th basis vector plus a little noise: perfectly identifiable. */
    private static List<List<float[]>> clusters(int identities, int images, int dim, long seed) {
        Random r = new Random(seed);
        List<List<float[]>> out = new ArrayList<>();
        for (int k = 0; k < identities; k++) {
            List<float[]> imgs = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                float[] v = new float[dim];
                for (int d = 0; d < dim; d++) {
                    v[d] = (float) (0.05 * r.nextGaussian());
                }
                v[k] += 1;
                imgs.add(Embeddings.normalised(v));
            }
            out.add(imgs);
        }
        return out;
    }

    @Test
    void separatedIdentitiesAreAllFound() {
        IdentificationMetrics.Result r = IdentificationMetrics.evaluate(clusters(40, 10, 64, 1), 1, 0.01);
        assertEquals(40, r.galleryIdentities());
        assertEquals(360, r.probes());
        assertEquals(1.0, r.rank1(), 0);
        IdentificationMetrics.OpenSet open = r.openSet();
        assertTrue(open.measurable(), "400 non-mated searches ≥ 300");
        assertEquals(400, open.nonMatedSearches()); // 20 identities × 10 images, two rounds
        assertEquals(360, open.matedSearches());
        assertEquals(0, open.fnir(), 0);
        assertTrue(open.achievedFpir() <= 0.01);
    }

    @Test
    void aMisfiledProbeLowersRank1() {
        List<List<float[]>> ids = clusters(40, 10, 64, 2);
        ids.get(0).set(5, ids.get(1).get(5)); // identity 0's sixth image is really identity 1
        IdentificationMetrics.Result r = IdentificationMetrics.evaluate(ids, 1, 0.01);
        assertEquals(359, r.rank1Hits());
        assertEquals(1, r.openSet().misses(), "in the open set the misfiled probe's mate is not rank 1 either");
    }

    @Test
    void twoImageEnrolmentUsesFewerProbes() {
        IdentificationMetrics.Result r = IdentificationMetrics.evaluate(clusters(10, 5, 16, 3), 2, 0.01);
        assertEquals(30, r.probes());
        assertFalse(r.openSet().measurable(), "50 non-mated searches < 300");
    }

    @Test
    void allPairsScorerCountsPairsAndSetsAsideSuspects() {
        List<List<float[]>> ids = clusters(3, 4, 8, 4);
        List<AllPairsScorer.Sample> samples = new ArrayList<>();
        int n = 0;
        for (int k = 0; k < 3; k++) {
            for (float[] e : ids.get(k)) {
                LabelledImage img = new LabelledImage("id" + k, java.nio.file.Path.of("id" + k, n + ".jpg"));
                samples.add(new AllPairsScorer.Sample(k, "sha" + n++, e, img));
            }
        }
        // the same file filed under identity 2 as well: a label error
        samples.add(new AllPairsScorer.Sample(2, "sha0", ids.get(0).get(0),
                new LabelledImage("id2", java.nio.file.Path.of("id2", "dup.jpg"))));
        AllPairsScorer.Result r = new AllPairsScorer(0.9, Long.MAX_VALUE, 1, 2).score(samples, null);
        assertEquals(6 + 6 + 10, r.clean().genuineCount()); // 4,4,5 images
        // 13 images → 78 pairs; 22 genuine, 56 impostor of which the duplicate and its three
        // near-identical cluster mates (cos ≥ 0.9) are suspected
        assertEquals(56, r.withSuspected().impostorCount());
        assertTrue(r.suspected().stream().anyMatch(SuspectedLabelError::sameFile));
        assertEquals(56 - r.suspected().size(), r.clean().impostorCount());
        assertTrue(r.clean().genuineMean() > r.clean().impostorMean());
        // extremes: highest impostors first, lowest genuine first, none of them set aside
        List<AllPairsScorer.ScoredImagePair> hi = r.highestImpostors();
        assertEquals(Math.min(20, r.clean().impostorCount()), hi.size());
        assertTrue(hi.get(0).score() >= hi.get(hi.size() - 1).score());
        assertTrue(hi.get(0).score() < 0.9f);
        List<AllPairsScorer.ScoredImagePair> lo = r.lowestGenuine();
        assertEquals(20, lo.size());
        assertTrue(lo.get(0).score() <= lo.get(1).score());
        assertEquals(r.clean().genuineSorted()[0], lo.get(0).score());
    }

    @Test
    void allPairsScorerSamplesImpostorsAboveTheCap() {
        List<List<float[]>> ids = clusters(50, 4, 64, 5);
        List<AllPairsScorer.Sample> samples = new ArrayList<>();
        int n = 0;
        for (int k = 0; k < ids.size(); k++) {
            for (float[] e : ids.get(k)) {
                samples.add(new AllPairsScorer.Sample(k, "h" + n++, e,
                        new LabelledImage("id" + k, java.nio.file.Path.of("x"))));
            }
        }
        // 200 images: 19 900 pairs, 300 genuine, 19 600 impostor; keep about 5 000
        AllPairsScorer.Result r = new AllPairsScorer(0.99, 5_000, 7, 2).score(samples, null);
        assertEquals(300, r.clean().genuineCount());
        assertTrue(r.clean().impostorsSampled());
        assertEquals(19_600, r.clean().impostorPopulation());
        assertEquals(5_000, r.clean().impostorCount(), 300);
        AllPairsScorer.Result again = new AllPairsScorer(0.99, 5_000, 7, 1).score(samples, null);
        assertEquals(r.clean().impostorCount(), again.clean().impostorCount(), "seeded: same sample");
    }

    @Test
    void multiReferenceEnrolmentComparesOnTheSameProbes() {
        List<MultiReferenceEnrolment.Identity> ids = new ArrayList<>();
        for (List<float[]> imgs : clusters(6, 5, 16, 6)) {
            ids.add(new MultiReferenceEnrolment.Identity(imgs));
        }
        ids.add(new MultiReferenceEnrolment.Identity(clusters(1, 2, 16, 7).get(0))); // too few: left out
        MultiReferenceEnrolment.Result r = MultiReferenceEnrolment.evaluate(ids);
        assertEquals(6, r.identities());
        assertEquals(18, r.probes());
        for (VerificationScores s : r.scores().values()) {
            assertEquals(18, s.genuineCount());
            assertEquals(18 * 5, s.impostorCount());
        }
        // unweighted quality fusion equals the plain mean
        assertEquals(r.scores().get(MultiReferenceEnrolment.Strategy.MEAN_OF_TWO).genuineMean(),
                r.scores().get(MultiReferenceEnrolment.Strategy.QUALITY_WEIGHTED_MEAN).genuineMean(), 1e-6);
    }
}
