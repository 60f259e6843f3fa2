package com.facetrust.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * 1:N identification from a gallery/probe split of a labelled collection: each identity is enrolled with its first
 * {@code enrolImages} images (their L2-normalised embeddings averaged), the rest of its images are probes.
 *
 * <ul>
 *   <li>Closed set: every identity is in the gallery; rank-1 = share of probes whose best gallery match is their
 *   own identity.</li>
 *   <li>Open set: identities are split in two halves by position (even / odd); in each of two rounds one half is
 *   enrolled and all images of the other half are non-mated searches. FPIR(t) = share of non-mated searches whose
 *   best score is ≥ t; FNIR(t) = share of mated searches whose mate is not returned at rank 1 with score ≥ t. The
 *   threshold is set for the target FPIR on the pooled non-mated searches of both rounds.</li>
 * </ul>
 */
public final class IdentificationMetrics {

    private IdentificationMetrics() {
    }

    /**
     * @param galleryIdentities identities enrolled in the closed-set gallery
     * @param probes            closed-set searches
     * @param rank1Hits         searches whose best match was the right identity
     * @param rank1Interval     95 % Clopper-Pearson interval of the rank-1 rate
     * @param openSet           FNIR at the target FPIR
     */
    public record Result(int enrolImages, int galleryIdentities, int probes, int rank1Hits,
                         BinomialInterval rank1Interval, OpenSet openSet) {
        public double rank1() {
            return probes == 0 ? Double.NaN : (double) rank1Hits / probes;
        }
    }

    /**
     * @param measurable   at least 3/FPIR non-mated searches (rule of three)
     * @param threshold    score threshold giving the target FPIR
     * @param fnir         false-negative identification rate at that threshold
     */
    public record OpenSet(double targetFpir, boolean measurable, int matedSearches, int nonMatedSearches,
                          double threshold, double achievedFpir, int misses, double fnir,
                          BinomialInterval fnirInterval) {
    }

    private record Candidate(int identity, float score) {
    }

    /**
     * @param identities per identity, the embeddings of its usable images in a fixed order
     * @param enrolImages 1 or 2 images averaged into each gallery template
     * @param targetFpir  e.g. 0.01
     */
    public static Result evaluate(List<List<float[]>> identities, int enrolImages, double targetFpir) {
        if (enrolImages < 1) {
            throw new IllegalArgumentException("enrolImages must be at least 1");
        }
        // Closed set.
        List<float[]> gallery = new ArrayList<>();
        List<Integer> galleryIds = new ArrayList<>();
        for (int id = 0; id < identities.size(); id++) {
            List<float[]> imgs = identities.get(id);
            if (imgs.isEmpty()) {
                continue;
            }
            gallery.add(template(imgs, enrolImages));
            galleryIds.add(id);
        }
        int probes = 0, hits = 0;
        for (int id = 0; id < identities.size(); id++) {
            List<float[]> imgs = identities.get(id);
            for (int k = enrolImages; k < imgs.size(); k++) {
                probes++;
                if (best(imgs.get(k), gallery, galleryIds).identity() == id) {
                    hits++;
                }
            }
        }
        // Open set: two rounds, each half enrolled in turn.
        List<Float> nonMated = new ArrayList<>();
        List<Candidate> mated = new ArrayList<>(); // score of the best candidate when it is the mate, else -inf
        for (int round = 0; round < 2; round++) {
            List<float[]> g = new ArrayList<>();
            List<Integer> gIds = new ArrayList<>();
            for (int id = 0; id < identities.size(); id++) {
                if (id % 2 == round && !identities.get(id).isEmpty()) {
                    g.add(template(identities.get(id), enrolImages));
                    gIds.add(id);
                }
            }
            if (g.isEmpty()) {
                continue;
            }
            for (int id = 0; id < identities.size(); id++) {
                List<float[]> imgs = identities.get(id);
                if (id % 2 == round) {
                    for (int k = enrolImages; k < imgs.size(); k++) {
                        Candidate c = best(imgs.get(k), g, gIds);
                        mated.add(c.identity() == id ? c : new Candidate(id, Float.NEGATIVE_INFINITY));
                    }
                } else {
                    for (float[] probe : imgs) {
                        nonMated.add(best(probe, g, gIds).score());
                    }
                }
            }
        }
        return new Result(enrolImages, gallery.size(), probes, hits,
                BinomialInterval.clopperPearson(hits, probes, 0.95), openSet(mated, nonMated, targetFpir));
    }

    private static OpenSet openSet(List<Candidate> mated, List<Float> nonMated, double targetFpir) {
        int n = nonMated.size(), m = mated.size();
        if (n == 0 || m == 0 || n < VerificationMetrics.RULE_OF_THREE / targetFpir) {
            return new OpenSet(targetFpir, false, m, n, Double.NaN, Double.NaN, 0, Double.NaN,
                    new BinomialInterval(Double.NaN, Double.NaN));
        }
        float[] nm = new float[n];
        for (int i = 0; i < n; i++) {
            nm[i] = nonMated.get(i);
        }
        java.util.Arrays.sort(nm);
        int allowed = (int) Math.floor(targetFpir * n + 1e-9);
        double t = Math.nextUp(nm[n - 1 - allowed]);
        int falsePositives = n - VerificationScores.countBelow(nm, t);
        int misses = 0;
        for (Candidate c : mated) {
            if (c.score() < t) {
                misses++;
            }
        }
        return new OpenSet(targetFpir, true, m, n, t, (double) falsePositives / n, misses, (double) misses / m,
                BinomialInterval.clopperPearson(misses, m, 0.95));
    }

    static float[] template(List<float[]> imgs, int enrolImages) {
        int k = Math.min(enrolImages, imgs.size());
        return Embeddings.mean(imgs.subList(0, k).toArray(float[][]::new));
    }

    private static Candidate best(float[] probe, List<float[]> gallery, List<Integer> ids) {
        float best = Float.NEGATIVE_INFINITY;
        int bestId = -1;
        for (int i = 0; i < gallery.size(); i++) {
            float s = Embeddings.dot(probe, gallery.get(i));
            if (s > best) {
                best = s;
                bestId = ids.get(i);
            }
        }
        return new Candidate(bestId, best);
    }
}
