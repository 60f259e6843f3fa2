package com.facetrust.evaluation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Does enrolling with two images beat enrolling with one? Measured on the same probes for every strategy: only
 * identities with at least three usable images take part; their first two images are the enrolment images and the
 * rest are probes. Genuine = a template against its own identity's probes; impostor = a template against every probe
 * of every other identity.
 */
public final class MultiReferenceEnrolment {

    /** How a reference is built from the enrolment images and compared with a probe. */
    public enum Strategy {
        /** The first image alone (the baseline). */
        FIRST_IMAGE("1 image"),
        /** The mean of the two L2-normalised embeddings, re-normalised (one template). */
        MEAN_OF_TWO("2 images, mean embedding"),
        /** Two references kept; the score is the better of the two comparisons. */
        MAX_OF_TWO("2 images, max score"),
        /**
         * Mean of the two embeddings weighted by each image's quality weight (quality-aware fusion); equals
         * MEAN_OF_TWO when no weights are given.
         */
        QUALITY_WEIGHTED_MEAN("2 images, quality-weighted mean");

        private final String label;

        Strategy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One identity's usable images in a fixed order, with an optional quality weight per image (> 0). */
    public record Identity(List<float[]> embeddings, double[] qualityWeights) {
        public Identity(List<float[]> embeddings) {
            this(embeddings, null);
        }
    }

    /** @param identities identities taking part (≥ 3 images); @param probes probes scored */
    public record Result(int identities, int probes, Map<Strategy, VerificationScores> scores) {
    }

    private MultiReferenceEnrolment() {
    }

    public static Result evaluate(List<Identity> all) {
        List<Identity> ids = all.stream().filter(i -> i.embeddings().size() >= 3).toList();
        Map<Strategy, AllPairsScorer.FloatList> gen = new EnumMap<>(Strategy.class);
        Map<Strategy, AllPairsScorer.FloatList> imp = new EnumMap<>(Strategy.class);
        for (Strategy s : Strategy.values()) {
            gen.put(s, new AllPairsScorer.FloatList());
            imp.put(s, new AllPairsScorer.FloatList());
        }
        List<float[][]> references = new ArrayList<>(); // [first, second, mean, weighted]
        for (Identity id : ids) {
            float[] a = id.embeddings().get(0), b = id.embeddings().get(1);
            double[] w = id.qualityWeights() == null ? new double[] {1, 1}
                    : new double[] {id.qualityWeights()[0], id.qualityWeights()[1]};
            references.add(new float[][] {a, b, Embeddings.mean(a, b),
                    Embeddings.weightedMean(new float[][] {a, b}, w)});
        }
        int probes = 0;
        for (int p = 0; p < ids.size(); p++) {
            List<float[]> imgs = ids.get(p).embeddings();
            for (int k = 2; k < imgs.size(); k++) {
                probes++;
                float[] probe = imgs.get(k);
                for (int r = 0; r < ids.size(); r++) {
                    float[][] ref = references.get(r);
                    float s1 = Embeddings.dot(probe, ref[0]);
                    float s2 = Embeddings.dot(probe, ref[1]);
                    Map<Strategy, AllPairsScorer.FloatList> target = r == p ? gen : imp;
                    target.get(Strategy.FIRST_IMAGE).add(s1);
                    target.get(Strategy.MEAN_OF_TWO).add(Embeddings.dot(probe, ref[2]));
                    target.get(Strategy.MAX_OF_TWO).add(Math.max(s1, s2));
                    target.get(Strategy.QUALITY_WEIGHTED_MEAN).add(Embeddings.dot(probe, ref[3]));
                }
            }
        }
        Map<Strategy, VerificationScores> out = new EnumMap<>(Strategy.class);
        for (Strategy s : Strategy.values()) {
            out.put(s, new VerificationScores(gen.get(s).toArray(), imp.get(s).toArray()));
        }
        return new Result(ids.size(), probes, out);
    }
}
