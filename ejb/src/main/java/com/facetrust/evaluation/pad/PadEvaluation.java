package com.facetrust.evaluation.pad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ISO/IEC 30107-3 error rates of a set of scored presentations. APCER is computed per attack type and the worst
 * type counts (an attacker picks the weakest spot); BPCER on the bona-fide presentations. Scores are sorted once so
 * every rate is a binary search.
 */
public final class PadEvaluation {

    private final double[] bonaFide;
    private final Map<String, double[]> attacks;

    public PadEvaluation(List<PadScore> scores) {
        List<Double> live = new ArrayList<>();
        Map<String, List<Double>> byType = new TreeMap<>();
        for (PadScore s : scores) {
            if (s.isBonaFide()) {
                live.add(s.score());
            } else {
                byType.computeIfAbsent(s.attackType(), t -> new ArrayList<>()).add(s.score());
            }
        }
        if (live.isEmpty()) {
            throw new IllegalArgumentException("no bona-fide presentations: BPCER is undefined");
        }
        if (byType.isEmpty()) {
            throw new IllegalArgumentException("no attack presentations: APCER is undefined");
        }
        this.bonaFide = sorted(live);
        Map<String, double[]> a = new LinkedHashMap<>();
        byType.forEach((t, l) -> a.put(t, sorted(l)));
        this.attacks = a;
    }

    private static double[] sorted(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v;
    }

    public List<String> attackTypes() {
        return List.copyOf(attacks.keySet());
    }

    public int bonaFideCount() {
        return bonaFide.length;
    }

    public int attackCount(String type) {
        double[] a = attacks.get(type);
        return a == null ? 0 : a.length;
    }

    /** Number of values {@code >= t} in a sorted array. */
    private static int countAtLeast(double[] sortedValues, double t) {
        int lo = 0;
        int hi = sortedValues.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedValues[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return sortedValues.length - lo;
    }

    /** Attack presentations of this type wrongly accepted as bona fide (score ≥ threshold). */
    public ErrorRate apcer(String attackType, double threshold) {
        double[] a = attacks.get(attackType);
        if (a == null) {
            throw new IllegalArgumentException("unknown attack type " + attackType);
        }
        return ErrorRate.of(countAtLeast(a, threshold), a.length);
    }

    /** Bona-fide presentations wrongly rejected as attacks (score < threshold). */
    public ErrorRate bpcer(double threshold) {
        return ErrorRate.of(bonaFide.length - countAtLeast(bonaFide, threshold), bonaFide.length);
    }

    public PadOperatingPoint at(double threshold) {
        return point(threshold, Double.NaN, true);
    }

    private PadOperatingPoint point(double threshold, double target, boolean measurable) {
        Map<String, ErrorRate> per = new LinkedHashMap<>();
        String worst = null;
        ErrorRate worstRate = null;
        for (String type : attacks.keySet()) {
            ErrorRate r = apcer(type, threshold);
            per.put(type, r);
            if (worstRate == null || r.rate() > worstRate.rate()) {
                worst = type;
                worstRate = r;
            }
        }
        return new PadOperatingPoint(threshold, target, per, worst, worstRate, bpcer(threshold), measurable);
    }

    /**
     * The operating point with the lowest threshold (hence lowest BPCER) at which every attack type's APCER is at
     * most {@code targetApcer}. For each type at most ⌊target·n⌋ attacks may pass, so the threshold is placed just
     * above the next-highest attack score of that type; the strictest type decides.
     */
    public PadOperatingPoint atApcer(double targetApcer) {
        if (!(targetApcer >= 0 && targetApcer < 1)) {
            throw new IllegalArgumentException("target APCER must be in [0,1): " + targetApcer);
        }
        double threshold = Double.NEGATIVE_INFINITY;
        boolean measurable = true;
        for (double[] a : attacks.values()) {
            int allowed = (int) Math.floor(targetApcer * a.length + 1e-9);
            if (allowed < a.length) {
                // a is ascending: the (allowed+1)-th highest score must be rejected.
                double mustReject = a[a.length - 1 - allowed];
                threshold = Math.max(threshold, Math.nextUp(mustReject));
            }
            if (a.length < 3.0 / targetApcer) {
                measurable = false;
            }
        }
        return point(threshold, targetApcer, measurable);
    }

    /** Equal-error point: the threshold where APCER_max and BPCER are closest; returns {threshold, apcerMax, bpcer}. */
    public double[] equalErrorPoint() {
        double best = Double.POSITIVE_INFINITY;
        double[] result = null;
        for (double t : candidateThresholds()) {
            PadOperatingPoint p = at(t);
            double gap = Math.abs(p.apcerMax().rate() - p.bpcer().rate());
            if (gap < best) {
                best = gap;
                result = new double[] {t, p.apcerMax().rate(), p.bpcer().rate()};
            }
        }
        return result;
    }

    /** Every distinct score, plus one above the maximum so "reject everything" is on the curve. */
    public double[] candidateThresholds() {
        TreeSet<Double> all = new TreeSet<>();
        for (double v : bonaFide) {
            all.add(v);
        }
        for (double[] a : attacks.values()) {
            for (double v : a) {
                all.add(v);
            }
        }
        double[] t = new double[all.size() + 1];
        int i = 0;
        for (double v : all) {
            t[i++] = v;
        }
        t[i] = Math.nextUp(all.last());
        return t;
    }

    /** The DET curve: one point per distinct threshold, in ascending threshold order. */
    public List<PadOperatingPoint> detCurve() {
        double[] thresholds = candidateThresholds();
        List<PadOperatingPoint> curve = new ArrayList<>(thresholds.length);
        for (double t : thresholds) {
            curve.add(at(t));
        }
        return curve;
    }
}
