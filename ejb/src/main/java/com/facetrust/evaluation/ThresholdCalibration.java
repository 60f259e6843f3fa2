package com.facetrust.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Writes calibrated decision thresholds as a properties file the engine configuration can read
 * ({@code facetrust/calibrated-thresholds.properties} in the ejb module). For each FAR target two thresholds:
 *
 * <ul>
 *   <li>{@code point}: the lowest threshold whose observed FAR on the calibration set is ≤ target;</li>
 *   <li>{@code conservative}: the lowest threshold whose 95 % Clopper-Pearson upper bound of FAR is ≤ target —
 *   what a deployment should use when the calibration set is small; when even zero accepted impostors cannot
 *   reach the bound (fewer than ≈ 3.7/FAR impostor pairs), the threshold just above the highest impostor score
 *   is written and flagged {@code bound-not-reached}.</li>
 * </ul>
 */
public final class ThresholdCalibration {

    private ThresholdCalibration() {
    }

    /** @param far target; @param point observed-FAR threshold; @param conservative CP-bound threshold */
    public record Calibrated(double far, double point, long pointFalseAccepts, double conservative,
                             long conservativeFalseAccepts, double conservativeFarBound, boolean boundReached) {
    }

    public static Calibrated calibrate(VerificationScores scores, double far) {
        float[] imp = scores.impostorSorted();
        int n = imp.length;
        if (n == 0) {
            throw new IllegalArgumentException("no impostor scores to calibrate on");
        }
        int allowed = (int) Math.floor(far * n + 1e-9);
        double point = Math.nextUp((double) imp[n - 1 - Math.min(allowed, n - 1)]);
        // Largest k whose CP upper bound stays within the target.
        int k = -1;
        for (int c = 0; c <= allowed; c++) {
            if (BinomialInterval.clopperPearson(c, n, 0.95).upper() <= far) {
                k = c;
            } else {
                break;
            }
        }
        boolean reached = k >= 0;
        int useK = Math.max(k, 0);
        double conservative = Math.nextUp((double) imp[n - 1 - useK]);
        return new Calibrated(far, point, scores.falseAccepts(point), conservative,
                scores.falseAccepts(conservative), BinomialInterval.clopperPearson(useK, n, 0.95).upper(), reached);
    }

    public static void write(Path file, String dataset, String engineVersion, VerificationScores scores,
                             double... fars) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Decision thresholds (cosine, accept when score >= threshold) calibrated by the evaluation tool\n");
        sb.append("# (com.facetrust.evaluation.ThresholdCalibration; docs/performance.md, 'Face recognition accuracy').\n");
        sb.append(String.format(Locale.ROOT, "# Data set: %s, %d genuine / %d impostor pairs (suspected label errors "
                + "removed); %s%n", dataset, scores.genuineCount(), scores.impostorCount(), LocalDate.now()));
        sb.append("# Engine: ").append(engineVersion).append('\n');
        sb.append("# point = observed FAR <= target; conservative = 95 % Clopper-Pearson upper bound of FAR <= target.\n");
        sb.append("calibration.dataset=").append(dataset).append('\n');
        sb.append("calibration.genuine-pairs=").append(scores.genuineCount()).append('\n');
        sb.append("calibration.impostor-pairs=").append(scores.impostorCount()).append('\n');
        for (double far : fars) {
            Calibrated c = calibrate(scores, far);
            String k = EvaluationReport.sci(far);
            sb.append(String.format(Locale.ROOT, "threshold.far%s.point=%.4f%n", k, c.point()));
            sb.append(String.format(Locale.ROOT, "threshold.far%s.conservative=%.4f%n", k, c.conservative()));
            sb.append(String.format(Locale.ROOT, "threshold.far%s.frr-at-point=%.4f%n", k,
                    scores.frr(c.point())));
            sb.append(String.format(Locale.ROOT, "threshold.far%s.frr-at-conservative=%.4f%n", k,
                    scores.frr(c.conservative())));
            if (!c.boundReached()) {
                sb.append(String.format(Locale.ROOT, "threshold.far%s.conservative.bound-not-reached="
                        + "true (FAR upper bound %.2g with %d impostor pairs)%n", k, c.conservativeFarBound(),
                        scores.impostorCount()));
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Checks thresholds calibrated elsewhere on this set: observed FAR (with its 95 % Clopper-Pearson interval) and
     * FRR at every {@code threshold.far<target>.point} and {@code .conservative} key of a calibration file.
     * Returns a markdown table.
     */
    public static String check(VerificationScores scores, java.util.Properties calibration) {
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT, "Calibrated on %s (%s genuine / %s impostor "
                        + "pairs); checked here on %d genuine / %d impostor pairs.%n%n",
                calibration.getProperty("calibration.dataset", "?"),
                calibration.getProperty("calibration.genuine-pairs", "?"),
                calibration.getProperty("calibration.impostor-pairs", "?"), scores.genuineCount(),
                scores.impostorCount()));
        m.append("| key | threshold | FAR here (95 % CI) | false accepts | FRR here (95 % CI) | false rejects |\n"
                + "|---|---:|---|---:|---|---:|\n");
        calibration.stringPropertyNames().stream().filter(k -> k.matches("threshold\\.far[^.]+\\.(point|conservative)"))
                .sorted().forEach(k -> {
                    double t = Double.parseDouble(calibration.getProperty(k).trim());
                    int fa = scores.falseAccepts(t), fr = scores.falseRejects(t);
                    BinomialInterval farCi = BinomialInterval.clopperPearson(fa, scores.impostorCount(), 0.95);
                    BinomialInterval frrCi = BinomialInterval.clopperPearson(fr, scores.genuineCount(), 0.95);
                    m.append(String.format(Locale.ROOT, "| %s | %.4f | %s (%s–%s) | %d / %d | %s (%s–%s) | %d / %d |%n",
                            k, t, EvaluationReport.pct(scores.far(t)), EvaluationReport.pct(farCi.lower()),
                            EvaluationReport.pct(farCi.upper()), fa, scores.impostorCount(),
                            EvaluationReport.pct(scores.frr(t)), EvaluationReport.pct(frrCi.lower()),
                            EvaluationReport.pct(frrCi.upper()), fr, scores.genuineCount()));
                });
        return m.toString();
    }

    static List<Calibrated> calibrateAll(VerificationScores scores, double... fars) {
        return java.util.Arrays.stream(fars).mapToObj(f -> calibrate(scores, f)).toList();
    }
}
