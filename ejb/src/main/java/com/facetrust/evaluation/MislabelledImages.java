package com.facetrust.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The other face of label noise: an image filed under an identity whose other images it does not resemble at all
 * (median cosine to them below a threshold far under any operating point) — typically a different person in the
 * folder. Such images are listed, and the figures are also given with each of them treated as a separate identity
 * (its pairs with the folder become impostor pairs). Only identities with at least three usable images are judged,
 * so that "the others" are a majority.
 */
public final class MislabelledImages {

    /** @param median median cosine to the other images of its identity; @param others how many those are */
    public record Suspect(LabelledImage image, float median, int others) {
    }

    private MislabelledImages() {
    }

    public static List<Suspect> find(List<AllPairsScorer.Sample> samples, double threshold) {
        int ids = samples.stream().mapToInt(AllPairsScorer.Sample::identity).max().orElse(-1) + 1;
        List<List<AllPairsScorer.Sample>> byId = new ArrayList<>();
        for (int i = 0; i < ids; i++) {
            byId.add(new ArrayList<>());
        }
        samples.forEach(s -> byId.get(s.identity()).add(s));
        List<Suspect> out = new ArrayList<>();
        for (List<AllPairsScorer.Sample> group : byId) {
            if (group.size() < 3) {
                continue;
            }
            for (AllPairsScorer.Sample s : group) {
                float[] scores = new float[group.size() - 1];
                int k = 0;
                for (AllPairsScorer.Sample o : group) {
                    if (o != s) {
                        scores[k++] = Embeddings.dot(s.embedding(), o.embedding());
                    }
                }
                Arrays.sort(scores);
                float median = scores.length % 2 == 1 ? scores[scores.length / 2]
                        : (scores[scores.length / 2 - 1] + scores[scores.length / 2]) / 2;
                if (median < threshold) {
                    out.add(new Suspect(s.image(), median, scores.length));
                }
            }
        }
        out.sort((a, b) -> Float.compare(a.median(), b.median()));
        return out;
    }

    /** The samples with every suspect moved to an identity of its own. */
    public static List<AllPairsScorer.Sample> relabelled(List<AllPairsScorer.Sample> samples, List<Suspect> suspects) {
        int next = samples.stream().mapToInt(AllPairsScorer.Sample::identity).max().orElse(-1) + 1;
        java.util.Set<LabelledImage> flagged = new java.util.HashSet<>();
        suspects.forEach(s -> flagged.add(s.image()));
        List<AllPairsScorer.Sample> out = new ArrayList<>(samples.size());
        for (AllPairsScorer.Sample s : samples) {
            out.add(flagged.contains(s.image())
                    ? new AllPairsScorer.Sample(next++, s.sha256(), s.embedding(), s.image()) : s);
        }
        return out;
    }
}
