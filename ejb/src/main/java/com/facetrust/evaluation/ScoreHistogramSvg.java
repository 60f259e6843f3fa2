package com.facetrust.evaluation;

import java.util.Locale;

/** Genuine and impostor score densities as a self-contained SVG. */
public final class ScoreHistogramSvg {

    private static final int W = 640, H = 360, L = 60, R = 20, T = 40, B = 50;

    private ScoreHistogramSvg() {
    }

    public static String render(String title, ScoreHistogram h) {
        long g = ScoreHistogram.sum(h.genuine()), n = ScoreHistogram.sum(h.impostor());
        double[] gd = density(h.genuine(), g, h.binWidth()), id = density(h.impostor(), n, h.binWidth());
        double max = 1e-9;
        for (int i = 0; i < h.bins(); i++) {
            max = Math.max(max, Math.max(gd[i], id[i]));
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", L,
                DetCurveSvg.esc(title)));
        for (double t = -1; t <= 1.0001; t += 0.25) {
            double x = L + (t + 1) / 2 * (W - L - R);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>%n", x, T, x, H - B, x, H - B + 16,
                    t));
        }
        s.append(bars(h, id, max, "#d62728"));
        s.append(bars(h, gd, max, "#1f77b4"));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"black\"/>%n", L, T, W - L - R, H - T - B));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">cosine similarity</text>%n",
                (L + W - R) / 2, H - 14));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#1f77b4\">genuine (%d pairs)</text>"
                + "<text x=\"%d\" y=\"%d\" fill=\"#d62728\">impostor (%d pairs)</text>%n", L + 10, T + 18, g, L + 10,
                T + 36, n));
        s.append("</svg>\n");
        return s.toString();
    }

    private static String bars(ScoreHistogram h, double[] d, double max, String colour) {
        StringBuilder s = new StringBuilder();
        double bw = (W - L - R) / (double) h.bins();
        for (int i = 0; i < h.bins(); i++) {
            if (d[i] <= 0) {
                continue;
            }
            double height = d[i] / max * (H - T - B);
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\" fill-opacity=\"0.5\"/>%n", L + i * bw, H - B - height, bw, height, colour));
        }
        return s.toString();
    }

    private static double[] density(long[] counts, long total, double width) {
        double[] d = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            d[i] = total == 0 ? 0 : counts[i] / (double) total / width;
        }
        return d;
    }
}
