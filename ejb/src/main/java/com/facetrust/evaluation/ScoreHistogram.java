package com.facetrust.evaluation;

/**
 * Genuine and impostor score distributions binned over [-1, 1] (the range of cosine similarity).
 *
 * @param binWidth  width of every bin
 * @param genuine   genuine counts per bin
 * @param impostor  impostor counts per bin
 */
public record ScoreHistogram(double binWidth, long[] genuine, long[] impostor) {

    public static final double LOW = -1.0;

    public static ScoreHistogram of(VerificationScores scores, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be positive");
        }
        double width = 2.0 / bins;
        return new ScoreHistogram(width, count(scores.genuineSorted(), bins, width),
                count(scores.impostorSorted(), bins, width));
    }

    private static long[] count(float[] values, int bins, double width) {
        long[] counts = new long[bins];
        for (float v : values) {
            int i = (int) Math.floor((v - LOW) / width);
            counts[Math.max(0, Math.min(bins - 1, i))]++;
        }
        return counts;
    }

    public int bins() {
        return genuine.length;
    }

    public double binLow(int i) {
        return LOW + i * binWidth;
    }

    /** CSV with counts and densities (count / total / width) so the two curves can be drawn on one axis. */
    public String toCsv() {
        long g = sum(genuine), n = sum(impostor);
        StringBuilder sb = new StringBuilder("bin_low,bin_high,genuine_count,impostor_count,genuine_density,"
                + "impostor_density\n");
        for (int i = 0; i < bins(); i++) {
            sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%d,%d,%.6g,%.6g%n", binLow(i),
                    binLow(i + 1), genuine[i], impostor[i], g == 0 ? 0 : genuine[i] / (double) g / binWidth,
                    n == 0 ? 0 : impostor[i] / (double) n / binWidth));
        }
        return sb.toString();
    }

    static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
