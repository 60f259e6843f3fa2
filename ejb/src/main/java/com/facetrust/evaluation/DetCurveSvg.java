package com.facetrust.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * Draws DET curves as a self-contained SVG (no plotting library: a CLI dependency fewer). Both axes use the
 * normal-deviate (probit) scale of Martin et al. (1997), on which Gaussian score distributions give straight lines;
 * rates of zero are drawn at the bottom edge of the axis.
 */
public final class DetCurveSvg {

    /** @param label legend text; @param curve the points */
    public record Series(String label, DetCurve curve) {
    }

    private static final double[] TICKS = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.05, 0.2, 0.5};
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int W = 640, H = 520, L = 70, R = 20, T = 40, B = 60;

    private DetCurveSvg() {
    }

    public static String render(String title, List<Series> series) {
        double lo = NormalDeviate.inverseCdf(1e-6), hi = NormalDeviate.inverseCdf(0.5);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", L, esc(title)));
        for (double t : TICKS) {
            double x = x(NormalDeviate.inverseCdf(t), lo, hi), y = y(NormalDeviate.inverseCdf(t), lo, hi);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, T, x, H - B));
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    L, y, W - R, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, H - B + 16, pct(t)));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    L - 6, y + 4, pct(t)));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"black\"/>%n", L, T, W - L - R, H - T - B));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">False accept rate "
                + "(FAR, impostor pairs accepted)</text>%n", (L + W - R) / 2, H - 22));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "False reject rate (FRR)</text>%n", (T + H - B) / 2));
        for (int k = 0; k < series.size(); k++) {
            Series ser = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (DetCurve.Point p : ser.curve().points()) {
                if (p.far() > 0.5 || p.frr() > 0.5 || (p.far() <= 0 && p.frr() <= 0)) {
                    continue; // outside the plotted range (zero rates are drawn at the axis edge)
                }
                double px = x(NormalDeviate.inverseCdf(clamp(p.far())), lo, hi);
                double py = y(NormalDeviate.inverseCdf(clamp(p.frr())), lo, hi);
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
            }
            s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    path, colour));
            int ly = T + 18 + 18 * k;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"3\"/>%n", W - R - 250, ly - 4, W - R - 225, ly - 4, colour));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", W - R - 220, ly,
                    esc(ser.label())));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double clamp(double rate) {
        return Math.max(1e-6, Math.min(0.5, rate));
    }

    private static double x(double z, double lo, double hi) {
        return L + (z - lo) / (hi - lo) * (W - L - R);
    }

    private static double y(double z, double lo, double hi) {
        return (H - B) - (z - lo) / (hi - lo) * (H - T - B);
    }

    private static String pct(double rate) {
        return new java.math.BigDecimal(rate * 100).round(new java.math.MathContext(2)).stripTrailingZeros()
                .toPlainString() + "%";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
