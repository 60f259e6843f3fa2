package com.facetrust.evaluation.pad;

import com.facetrust.evaluation.NormalDeviate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a PAD DET curve (APCER_max against BPCER) as CSV and as a hand-written SVG on normal-deviate axes, the
 * scale ISO/IEC 19795-1 uses for DET plots. SVG needs no plotting library, so the tool stays small.
 */
public final class PadDetWriter {

    private static final double[] TICKS = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.95};

    private PadDetWriter() {
    }

    public static void writeCsv(PadEvaluation evaluation, Path file) throws IOException {
        List<String> types = evaluation.attackTypes();
        StringBuilder sb = new StringBuilder("threshold,apcer_max,worst_attack_type");
        for (String t : types) {
            sb.append(",apcer_").append(t);
        }
        sb.append(",bpcer,bpcer_errors,bona_fide_count\n");
        for (PadOperatingPoint p : evaluation.detCurve()) {
            sb.append(String.format(Locale.ROOT, "%.8f,%.6f,%s", p.threshold(), p.apcerMax().rate(),
                    p.worstAttackType()));
            for (String t : types) {
                sb.append(String.format(Locale.ROOT, ",%.6f", p.apcerPerType().get(t).rate()));
            }
            sb.append(String.format(Locale.ROOT, ",%.6f,%d,%d%n", p.bpcer().rate(), p.bpcer().errors(),
                    p.bpcer().total()));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    public static void writeSvg(PadEvaluation evaluation, String title, Path file) throws IOException {
        final int size = 520;
        final int margin = 70;
        final double lo = probit(0.0005);
        final double hi = probit(0.99);
        int plot = size - 2 * margin;
        // Rates of 0 and 1 have no normal deviate; plot them half a sample inside, the usual convention.
        double floorApcer = 0.5 / minAttackCount(evaluation);
        double floorBpcer = 0.5 / evaluation.bonaFideCount();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", size, size));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"13\">%s</text>%n", margin,
                escape(title)));
        for (double tick : TICKS) {
            double x = margin + (probit(tick) - lo) / (hi - lo) * plot;
            double y = size - margin - (probit(tick) - lo) / (hi - lo) * plot;
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, margin, x,
                    size - margin));
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", margin, y,
                    size - margin, y));
            String label = formatPercent(tick);
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    size - margin + 15, label));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    margin - 5, y + 4, label));
        }
        sb.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"black\"/>%n", margin,
                margin, plot, plot));
        sb.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">APCER (worst attack type)</text>%n", size / 2,
                size - margin + 35));
        sb.append(String.format(Locale.ROOT,
                "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">BPCER</text>%n",
                size / 2, size / 2));
        StringBuilder pts = new StringBuilder();
        for (PadOperatingPoint p : evaluation.detCurve()) {
            double a = clamp(p.apcerMax().rate(), floorApcer, 1 - floorApcer);
            double b = clamp(p.bpcer().rate(), floorBpcer, 1 - floorBpcer);
            double x = margin + (clamp(probit(a), lo, hi) - lo) / (hi - lo) * plot;
            double y = size - margin - (clamp(probit(b), lo, hi) - lo) / (hi - lo) * plot;
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        sb.append("<polyline fill=\"none\" stroke=\"#c00\" stroke-width=\"2\" points=\"").append(pts.toString().trim())
                .append("\"/>\n</svg>\n");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static int minAttackCount(PadEvaluation e) {
        int min = Integer.MAX_VALUE;
        for (String t : e.attackTypes()) {
            min = Math.min(min, e.attackCount(t));
        }
        return min;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String formatPercent(double p) {
        double pct = p * 100;
        return (pct == Math.rint(pct) ? String.format(Locale.ROOT, "%.0f", pct)
                : String.format(Locale.ROOT, "%.1f", pct)) + "%";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Inverse standard normal CDF for the probit axes (the shared Acklam approximation). */
    static double probit(double p) {
        if (p <= 0 || p >= 1) {
            throw new IllegalArgumentException("p must be in (0,1): " + p);
        }
        return NormalDeviate.inverseCdf(p);
    }
}
