package com.facetrust.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Detection-error trade-off: (FAR, FRR) at a set of thresholds chosen so the curve is dense on a logarithmic FAR
 * axis (down to one false accept) and on the FRR axis, without visiting every one of possibly millions of scores.
 *
 * @param points points in ascending threshold order
 */
public record DetCurve(List<Point> points) {

    /** @param threshold accept ≥ threshold; @param far observed FAR; @param frr observed FRR */
    public record Point(double threshold, double far, double frr, long falseAccepts, long falseRejects) {
    }

    public static DetCurve of(VerificationScores scores, int pointsPerDecade) {
        float[] imp = scores.impostorSorted();
        float[] gen = scores.genuineSorted();
        int n = imp.length, g = gen.length;
        TreeSet<Double> thresholds = new TreeSet<>();
        if (n > 0 && g > 0) {
            // Thresholds giving k false accepts for k log-spaced from 0 to n.
            addLogSpacedRanks(thresholds, imp, pointsPerDecade, true);
            // Thresholds giving k false rejects for k log-spaced from 0 to g.
            addLogSpacedRanks(thresholds, gen, pointsPerDecade, false);
        }
        List<Point> points = new ArrayList<>(thresholds.size());
        for (double t : thresholds) {
            int fa = scores.falseAccepts(t), fr = scores.falseRejects(t);
            points.add(new Point(t, (double) fa / n, (double) fr / g, fa, fr));
        }
        return new DetCurve(points);
    }

    private static void addLogSpacedRanks(TreeSet<Double> out, float[] sorted, int perDecade, boolean fromTop) {
        int n = sorted.length;
        double decades = Math.log10(n);
        int steps = (int) Math.ceil(decades * perDecade);
        for (int s = 0; s <= steps; s++) {
            int k = (int) Math.round(Math.pow(10, s / (double) perDecade)) - 1; // 0 .. n-1 errors
            k = Math.min(k, n - 1);
            if (fromTop) {
                out.add(Math.nextUp((double) sorted[n - 1 - k])); // exactly k impostors above
            } else {
                out.add((double) sorted[k]); // k genuine below
            }
        }
        out.add(Math.nextUp((double) sorted[n - 1]));
        out.add((double) sorted[0]);
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder("threshold,far,frr,false_accepts,false_rejects\n");
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "%.6f,%.6e,%.6e,%d,%d%n", p.threshold(), p.far(), p.frr(),
                    p.falseAccepts(), p.falseRejects()));
        }
        return sb.toString();
    }
}
