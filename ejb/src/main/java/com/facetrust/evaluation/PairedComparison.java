package com.facetrust.evaluation;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Is variant B really better than A? Two evaluation runs on the same images, compared genuine pair by genuine pair
 * at each run's own threshold for the same FAR (McNemar's exact test): only the pairs that one run accepts and the
 * other rejects carry information, and under "no difference" they split 50:50.
 */
public final class PairedComparison {

    /**
     * @param far          the FAR both thresholds were set for
     * @param pairs        genuine pairs present in both runs
     * @param onlyARejects pairs A rejects and B accepts
     * @param onlyBRejects pairs B rejects and A accepts
     * @param pValue       two-sided exact McNemar p-value
     */
    public record Row(double far, int pairs, double thresholdA, double thresholdB, int rejectsA, int rejectsB,
                      int onlyARejects, int onlyBRejects, double pValue) {
    }

    private PairedComparison() {
    }

    /** Two-sided exact McNemar test: 2·P(X ≤ min(b, c)) for X ~ Binomial(b + c, ½), capped at 1. */
    public static double mcnemarExact(int b, int c) {
        int n = b + c, k = Math.min(b, c);
        if (n == 0) {
            return 1;
        }
        double logHalfN = n * Math.log(0.5), sum = 0;
        for (int i = 0; i <= k; i++) {
            sum += Math.exp(logChoose(n, i) + logHalfN);
        }
        return Math.min(1, 2 * sum);
    }

    private static double logChoose(int n, int k) {
        return BinomialInterval.logGamma(n + 1) - BinomialInterval.logGamma(k + 1)
                - BinomialInterval.logGamma(n - k + 1);
    }

    /** Compares two evaluate output folders (their genuine-scores.csv and summary.properties). */
    public static List<Row> compare(Path runA, Path runB, double... fars) throws IOException {
        Map<String, Double> a = genuineScores(runA.resolve("genuine-scores.csv"));
        Map<String, Double> b = genuineScores(runB.resolve("genuine-scores.csv"));
        Properties pa = summary(runA), pb = summary(runB);
        List<String> common = a.keySet().stream().filter(b::containsKey).sorted().toList();
        return java.util.Arrays.stream(fars).mapToObj(far -> {
            String key = "threshold.far" + EvaluationReport.sci(far);
            String ta = pa.getProperty(key, "not-measurable"), tb = pb.getProperty(key, "not-measurable");
            if (ta.startsWith("not") || tb.startsWith("not")) {
                return new Row(far, common.size(), Double.NaN, Double.NaN, 0, 0, 0, 0, Double.NaN);
            }
            double thA = Double.parseDouble(ta), thB = Double.parseDouble(tb);
            int rejA = 0, rejB = 0, onlyA = 0, onlyB = 0;
            for (String k : common) {
                boolean ra = a.get(k) < thA, rb = b.get(k) < thB;
                rejA += ra ? 1 : 0;
                rejB += rb ? 1 : 0;
                onlyA += ra && !rb ? 1 : 0;
                onlyB += rb && !ra ? 1 : 0;
            }
            return new Row(far, common.size(), thA, thB, rejA, rejB, onlyA, onlyB, mcnemarExact(onlyA, onlyB));
        }).toList();
    }

    public static String markdown(String nameA, String nameB, List<Row> rows) {
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT, "| FAR | genuine pairs | FRR %s | FRR %s | "
                + "rejected only by %s | rejected only by %s | McNemar p |%n|---|---:|---:|---:|---:|---:|---:|%n",
                nameA, nameB, nameA, nameB));
        for (Row r : rows) {
            if (Double.isNaN(r.thresholdA())) {
                m.append(String.format(Locale.ROOT, "| %s | %d | not measurable | | | | |%n",
                        EvaluationReport.sci(r.far()), r.pairs()));
                continue;
            }
            m.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %d | %d | %.3g |%n",
                    EvaluationReport.sci(r.far()), r.pairs(), EvaluationReport.pct((double) r.rejectsA() / r.pairs()),
                    EvaluationReport.pct((double) r.rejectsB() / r.pairs()), r.onlyARejects(), r.onlyBRejects(),
                    r.pValue()));
        }
        return m.toString();
    }

    private static Map<String, Double> genuineScores(Path csv) throws IOException {
        Map<String, Double> out = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            int cut = line.lastIndexOf(',');
            out.put(line.substring(0, cut), Double.parseDouble(line.substring(cut + 1)));
        }
        return out;
    }

    private static Properties summary(Path run) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(run.resolve("summary.properties"))) {
            p.load(r);
        }
        return p;
    }
}
