package com.facetrust.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The LFW "unrestricted" verification protocol: for each fold, the accuracy-maximising threshold is chosen on the
 * other folds and the fold is scored with it; the result is the mean ± standard deviation over folds.
 *
 * <p>A pair whose score is NaN (an image had no usable face) counts as a wrong decision in every fold — the
 * conservative reading; how many such pairs there were is reported with the result.
 */
public final class TenFoldProtocol {

    private TenFoldProtocol() {
    }

    /** @param fold 0-based fold; @param genuine same identity; @param score cosine, NaN when not computable */
    public record ScoredPair(int fold, boolean genuine, double score) {
    }

    /** @param accuracy fraction correct on the fold; @param threshold chosen on the other folds */
    public record FoldResult(int fold, int pairs, double threshold, double accuracy) {
    }

    /**
     * @param folds         per-fold results
     * @param mean          mean accuracy
     * @param std           population standard deviation over folds (as the usual LFW scripts report it)
     * @param unscoredPairs pairs that had no score (counted as errors)
     */
    public record Result(List<FoldResult> folds, double mean, double std, int unscoredPairs) {
    }

    public static Result evaluate(List<ScoredPair> pairs) {
        int foldCount = pairs.stream().mapToInt(ScoredPair::fold).max().orElse(-1) + 1;
        if (foldCount < 2) {
            throw new IllegalArgumentException("need at least two folds, got " + foldCount);
        }
        List<FoldResult> results = new ArrayList<>();
        for (int f = 0; f < foldCount; f++) {
            final int test = f;
            List<ScoredPair> train = pairs.stream().filter(p -> p.fold() != test).toList();
            List<ScoredPair> held = pairs.stream().filter(p -> p.fold() == test).toList();
            if (held.isEmpty()) {
                continue;
            }
            double t = bestThreshold(train);
            results.add(new FoldResult(f, held.size(), t, accuracy(held, t)));
        }
        double mean = results.stream().mapToDouble(FoldResult::accuracy).average().orElse(Double.NaN);
        double var = results.stream().mapToDouble(r -> (r.accuracy() - mean) * (r.accuracy() - mean)).average()
                .orElse(Double.NaN);
        int unscored = (int) pairs.stream().filter(p -> Double.isNaN(p.score())).count();
        return new Result(results, mean, Math.sqrt(var), unscored);
    }

    /** Fraction of pairs decided correctly at threshold t (accept ≥ t); unscored pairs are wrong. */
    public static double accuracy(List<ScoredPair> pairs, double t) {
        long correct = pairs.stream().filter(p -> !Double.isNaN(p.score()) && (p.score() >= t) == p.genuine())
                .count();
        return pairs.isEmpty() ? Double.NaN : (double) correct / pairs.size();
    }

    /**
     * The threshold maximising accuracy on the given pairs, in one pass over the scores sorted once: raising the
     * threshold past a score turns a genuine pair wrong and an impostor pair right. Candidates are the midpoints
     * between distinct scores; on a plateau of equal accuracy the middle candidate is taken.
     */
    public static double bestThreshold(List<ScoredPair> pairs) {
        ScoredPair[] scored = pairs.stream().filter(p -> !Double.isNaN(p.score()))
                .sorted(Comparator.comparingDouble(ScoredPair::score)).toArray(ScoredPair[]::new);
        if (scored.length == 0) {
            return 0;
        }
        long correct = Arrays.stream(scored).filter(ScoredPair::genuine).count(); // threshold below all
        long best = correct;
        List<Double> bestCandidates = new ArrayList<>();
        bestCandidates.add(scored[0].score() - 1e-6);
        int i = 0;
        while (i < scored.length) {
            double v = scored[i].score();
            while (i < scored.length && scored[i].score() == v) {
                correct += scored[i].genuine() ? -1 : 1;
                i++;
            }
            double candidate = i < scored.length ? (v + scored[i].score()) / 2 : v + 1e-6;
            if (correct > best) {
                best = correct;
                bestCandidates.clear();
                bestCandidates.add(candidate);
            } else if (correct == best) {
                bestCandidates.add(candidate);
            }
        }
        return bestCandidates.get(bestCandidates.size() / 2);
    }
}
