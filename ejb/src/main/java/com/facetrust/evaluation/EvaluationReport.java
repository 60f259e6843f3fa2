package com.facetrust.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes an evaluation's files: {@code report.md} (all tables, with the number of pairs behind every figure),
 * {@code det.svg}/{@code det.csv}, {@code det-enrolment.svg}, {@code histogram.svg}/{@code histogram.csv},
 * {@code operating-points.csv}, {@code suspected-label-errors.csv}, {@code failures.csv}, {@code timing.csv},
 * {@code tenfold.csv} (with a pairs file) and {@code summary.properties} (machine-readable headline figures).
 */
public final class EvaluationReport {

    private EvaluationReport() {
    }

    public static List<Path> write(FaceEvaluation.Result r, String datasetName, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        FaceEvaluation.Verification v = r.verification();
        DetCurve detClean = DetCurve.of(v.pairs().clean(), 20);
        written.add(write(outDir.resolve("det.csv"), detClean.toCsv()));
        List<DetCurveSvg.Series> series = new ArrayList<>();
        series.add(new DetCurveSvg.Series("all pairs, suspects removed", detClean));
        if (!v.pairs().suspected().isEmpty()) {
            series.add(new DetCurveSvg.Series("all pairs, with suspects", DetCurve.of(v.pairs().withSuspected(), 20)));
        }
        written.add(write(outDir.resolve("det.svg"), DetCurveSvg.render("DET — " + datasetName, series)));
        List<DetCurveSvg.Series> enrolSeries = new ArrayList<>();
        r.enrolment().result().scores().forEach((s, scores) -> {
            if (scores.genuineCount() > 0 && scores.impostorCount() > 0) {
                enrolSeries.add(new DetCurveSvg.Series(s.label(), DetCurve.of(scores, 20)));
            }
        });
        written.add(write(outDir.resolve("det-enrolment.svg"),
                DetCurveSvg.render("Enrolment with 1 vs 2 images — " + datasetName, enrolSeries)));
        ScoreHistogram hist = ScoreHistogram.of(v.pairs().clean(), 100);
        written.add(write(outDir.resolve("histogram.csv"), hist.toCsv()));
        written.add(write(outDir.resolve("histogram.svg"),
                ScoreHistogramSvg.render("Score distributions — " + datasetName, hist)));
        written.add(write(outDir.resolve("operating-points.csv"), operatingPointsCsv(r)));
        written.add(write(outDir.resolve("suspected-label-errors.csv"), suspectsCsv(v.pairs().suspected())));
        written.add(write(outDir.resolve("suspected-mislabelled-images.csv"), mislabelledCsv(v.mislabelled())));
        written.add(write(outDir.resolve("failures.csv"), failuresCsv(r)));
        written.add(write(outDir.resolve("genuine-scores.csv"), genuineScoresCsv(r)));
        written.add(write(outDir.resolve("timing.csv"), timingCsv(r)));
        if (r.tenFold() != null) {
            written.add(write(outDir.resolve("tenfold.csv"), tenFoldCsv(r.tenFold())));
        }
        written.add(write(outDir.resolve("summary.properties"), summary(r, datasetName)));
        written.add(write(outDir.resolve("report.md"), markdown(r, datasetName)));
        return written;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static String markdown(FaceEvaluation.Result r, String name) {
        StringBuilder m = new StringBuilder();
        FaceEvaluation.Verification v = r.verification();
        VerificationScores clean = v.pairs().clean();
        m.append("# Face recognition accuracy — ").append(name).append("\n\n");
        m.append("- Generated: ").append(Instant.now()).append('\n');
        m.append("- Images: `").append(r.collection().root()).append("` — ").append(r.images().size())
                .append(" images of ").append(r.collection().identityCount()).append(" identities");
        if (!r.collection().ignored().isEmpty()) {
            m.append(" (").append(r.collection().ignored().size()).append(" non-image files ignored)");
        }
        m.append('\n');
        m.append("- Engine: `").append(r.engineVersion()).append("`\n");
        m.append("- Score: cosine of L2-normalised embeddings; a pair is accepted when score ≥ threshold.\n");
        m.append(String.format(Locale.ROOT, "- Quality gate: %s; label-noise threshold: cosine ≥ %.2f or identical "
                        + "files%n%n", r.options().qualityGate() ? "on (quality failures are failures to enrol)" : "off",
                r.options().labelNoiseThreshold()));

        m.append("## Failure to enrol (A-6.1)\n\n");
        m.append(String.format(Locale.ROOT, "%d of %d images (%s) gave no usable template.%n%n", r.failuresToEnrol(),
                r.images().size(), pct(r.failureToEnrolRate())));
        if (!r.failureReasons().isEmpty()) {
            m.append("| reason | images |\n|---|---:|\n");
            r.failureReasons().forEach((k, c) -> m.append("| ").append(k).append(" | ").append(c).append(" |\n"));
            m.append('\n');
        }
        if (!r.qualityFailures().isEmpty()) {
            m.append("Quality checks failed by images that did yield an embedding");
            m.append(r.options().qualityGate() ? " (counted as failures above):\n\n" : " (not gated):\n\n");
            m.append("| check | images |\n|---|---:|\n");
            r.qualityFailures().forEach((k, c) -> m.append("| ").append(k).append(" | ").append(c).append(" |\n"));
            m.append('\n');
        }

        m.append("## Verification over all pairs\n\n");
        m.append(String.format(Locale.ROOT, "Genuine pairs: %d (mean score %.3f). Impostor pairs: %d (mean %.3f)%s. "
                        + "Suspected label errors set aside: %d impostor pairs. Genuine pairs of byte-identical files: %d."
                        + "%n%n", clean.genuineCount(), clean.genuineMean(), clean.impostorCount(), clean.impostorMean(),
                clean.impostorsSampled() ? String.format(Locale.ROOT, ", a uniform sample of %d", clean.impostorPopulation())
                        : "", v.pairs().withSuspected().impostorCount() - clean.impostorCount(),
                v.pairs().duplicateGenuinePairs()));
        m.append(String.format(Locale.ROOT, "EER: %s at threshold %.4f (with suspects: %s).%n%n",
                pct(v.eerClean().rate()), v.eerClean().threshold(), pct(v.eerWithSuspected().rate())));
        m.append(operatingPointTable(v.clean(), v.withSuspected()));
        m.append("\nFRR intervals are 95 % Clopper-Pearson over the genuine pairs (the threshold taken as fixed). "
                + "\"not measurable\": fewer than 3/FAR impostor pairs.\n\n");

        if (r.tenFold() != null) {
            FaceEvaluation.PairsProtocol t = r.tenFold();
            m.append("## Pairs file: 10-fold protocol\n\n");
            long matched = t.file().pairs().stream().filter(LfwPairsFile.Pair::genuine).count();
            m.append(String.format(Locale.ROOT, "%d pairs (%d matched, %d mismatched), %d folds — %s.%n%n",
                    t.file().pairs().size(), matched, t.file().pairs().size() - matched, t.file().folds(),
                    t.file().foldSource()));
            m.append(String.format(Locale.ROOT, "**Accuracy %.2f %% ± %.2f** (mean ± std over folds; threshold "
                            + "chosen on the other folds). Pairs without a score (missing image or no face, counted "
                            + "as errors): %d.%n", 100 * t.result().mean(), 100 * t.result().std(),
                    t.result().unscoredPairs()));
            if (t.withoutSuspected() != null) {
                m.append(String.format(Locale.ROOT, "Without the %d mismatched pairs that look like label errors: "
                                + "%.2f %% ± %.2f.%n", t.suspectedPairs().size(), 100 * t.withoutSuspected().mean(),
                        100 * t.withoutSuspected().std()));
            }
            if (!t.missingImages().isEmpty()) {
                m.append("Missing images (first 20): ")
                        .append(String.join(", ", t.missingImages().subList(0, Math.min(20, t.missingImages().size()))))
                        .append('\n');
            }
            m.append('\n');
        }

        m.append("## Identification (1:N)\n\n");
        m.append("Gallery: first image(s) of each identity (averaged); probes: the rest. Open set: half the identities "
                + "left out of the gallery in turn; FNIR at the threshold giving the target FPIR.\n\n");
        m.append("| enrolment images | gallery | probes | rank-1 (95 % CI) | non-mated searches | mated searches | "
                + "FNIR @ FPIR " + pct(r.options().targetFpir()) + " | threshold |\n|---|---:|---:|---|---:|---:|---|---:|\n");
        for (IdentificationMetrics.Result id : r.identification()) {
            IdentificationMetrics.OpenSet o = id.openSet();
            m.append(String.format(Locale.ROOT, "| %d | %d | %d | %s (%s–%s) | %d | %d | %s | %s |%n",
                    id.enrolImages(), id.galleryIdentities(), id.probes(), pct(id.rank1()),
                    pct(id.rank1Interval().lower()), pct(id.rank1Interval().upper()), o.nonMatedSearches(),
                    o.matedSearches(), o.measurable() ? pct(o.fnir()) + " (" + pct(o.fnirInterval().lower()) + "–"
                            + pct(o.fnirInterval().upper()) + ")" : "not measurable",
                    o.measurable() ? String.format(Locale.ROOT, "%.4f", o.threshold()) : "–"));
        }
        m.append('\n');

        FaceEvaluation.Enrolment e = r.enrolment();
        m.append("## Enrolment with one or two images\n\n");
        m.append(String.format(Locale.ROOT, "Same probes for every row: %d identities with ≥ 3 usable images; the "
                + "first two are enrolment images, the other %d images are probes.%n%n", e.result().identities(),
                e.result().probes()));
        m.append("| enrolment | genuine | impostor | EER |");
        for (double far : r.options().farTargets()) {
            m.append(" FRR @ FAR ").append(sci(far)).append(" |");
        }
        m.append("\n|---|---:|---:|---:|");
        m.append("---|".repeat(r.options().farTargets().length)).append('\n');
        e.points().forEach((s, pts) -> {
            VerificationScores sc = e.result().scores().get(s);
            m.append(String.format(Locale.ROOT, "| %s | %d | %d | %s |", s.label(), sc.genuineCount(),
                    sc.impostorCount(), pct(e.eer().get(s).rate())));
            for (OperatingPoint p : pts) {
                m.append(' ').append(p.measurable() ? pct(p.frr()) : "n/m").append(" |");
            }
            m.append('\n');
        });
        m.append('\n');

        if (!r.breakdowns().isEmpty()) {
            m.append("## Where the false rejects are\n\n");
            m.append(String.format(Locale.ROOT, "FRR at the FAR 1e-3 threshold (%.4f) of genuine pairs grouped by the "
                    + "worse image's capture condition.%n%n", r.breakdowns().get(0).threshold()));
            for (ConditionBreakdown.Result b : r.breakdowns()) {
                m.append("| ").append(b.condition()).append(" | genuine pairs | false rejects | FRR |\n|---|---:|---:|---:|\n");
                for (ConditionBreakdown.Row row : b.rows()) {
                    if (row.genuinePairs() == 0) {
                        continue;
                    }
                    String range = Double.isInfinite(row.lower()) ? String.format(Locale.ROOT, "< %.0f", row.upper())
                            : Double.isInfinite(row.upper()) ? String.format(Locale.ROOT, "≥ %.0f", row.lower())
                            : String.format(Locale.ROOT, "%.0f – %.0f", row.lower(), row.upper());
                    m.append(String.format(Locale.ROOT, "| %s | %d | %d | %s |%n", range, row.genuinePairs(),
                            row.falseRejects(), pct(row.frr())));
                }
                m.append('\n');
            }
        }

        m.append("## Timing\n\n");
        TimingSummary t = r.timing();
        m.append(t.count() == 0 ? "All images came from the embedding cache; no timing in this run.\n"
                : String.format(Locale.ROOT, "Per image (decode → detect → landmarks → quality → embed), %d images "
                        + "processed in this run (%d from the cache not timed): p50 %.1f ms, p95 %.1f ms, max %.1f ms, "
                        + "mean %.1f ms.%n", t.count(), r.cachedImages(), t.p50(), t.p95(), t.max(), t.mean()));
        m.append('\n');

        List<SuspectedLabelError> sus = v.pairs().suspected();
        m.append("## Suspected label errors\n\n");
        m.append("Pairs worth a look even below the threshold (label noise shows up at the extremes):\n\n");
        m.append("| highest impostor pairs | score | lowest genuine pairs | score |\n|---|---:|---|---:|\n");
        List<AllPairsScorer.ScoredImagePair> hi = v.pairs().highestImpostors(), lo = v.pairs().lowestGenuine();
        for (int i = 0; i < Math.min(10, Math.max(hi.size(), lo.size())); i++) {
            m.append(i < hi.size() ? String.format(Locale.ROOT, "| %s ↔ %s | %.4f ", rel(r, hi.get(i).first().path()),
                    rel(r, hi.get(i).second().path()), hi.get(i).score()) : "| | ");
            m.append(i < lo.size() ? String.format(Locale.ROOT, "| %s ↔ %s | %.4f |%n", rel(r, lo.get(i).first().path()),
                    rel(r, lo.get(i).second().path()), lo.get(i).score()) : "| | |\n");
        }
        m.append('\n');
        if (!v.mislabelled().isEmpty()) {
            m.append(String.format(Locale.ROOT, "Images unlike the rest of their identity (median cosine to its other "
                    + "images < %.2f) — possibly a different person filed there:%n%n| image | median | others |%n"
                    + "|---|---:|---:|%n", r.options().mislabelThreshold()));
            for (MislabelledImages.Suspect s : v.mislabelled()) {
                m.append(String.format(Locale.ROOT, "| %s | %.4f | %d |%n", rel(r, s.image().path()), s.median(),
                        s.others()));
            }
            VerificationScores rs = v.relabelledPairs().clean();
            m.append(String.format(Locale.ROOT, "%nWith each of them treated as an identity of its own (%d genuine / %d "
                    + "impostor pairs; EER %s):%n%n", rs.genuineCount(), rs.impostorCount(), pct(v.eerRelabelled().rate())));
            m.append(operatingPointTable(v.relabelled(), v.relabelled()));
            m.append('\n');
        }
        if (sus.isEmpty()) {
            m.append("No impostor pair at or above the label-noise threshold, no identical files under two labels.\n");
        } else {
            m.append("Impostor pairs that look like the same photo or person (highest first, up to 20; all in "
                    + "suspected-label-errors.csv):\n\n| score | same file | first | second |\n|---:|---|---|---|\n");
            for (SuspectedLabelError s : sus.subList(0, Math.min(20, sus.size()))) {
                m.append(String.format(Locale.ROOT, "| %.4f | %s | %s | %s |%n", s.score(), s.sameFile() ? "yes" : "no",
                        rel(r, s.first()), rel(r, s.second())));
            }
        }
        return m.toString();
    }

    /** A few lines for the terminal: FTE, pairs, EER, FRR at each FAR, 10-fold, rank-1. */
    public static String headline(FaceEvaluation.Result r, String name) {
        StringBuilder m = new StringBuilder();
        VerificationScores c = r.verification().pairs().clean();
        m.append(String.format(Locale.ROOT, "%s: %d images, failure to enrol %s (%d)%n", name, r.images().size(),
                pct(r.failureToEnrolRate()), r.failuresToEnrol()));
        m.append(String.format(Locale.ROOT, "pairs: %d genuine (mean %.3f), %d impostor (mean %.3f), %d suspected "
                        + "label errors set aside; EER %s%n", c.genuineCount(), c.genuineMean(), c.impostorCount(),
                c.impostorMean(), r.verification().pairs().withSuspected().impostorCount() - c.impostorCount(),
                pct(r.verification().eerClean().rate())));
        for (OperatingPoint p : r.verification().clean()) {
            m.append(p.measurable() ? String.format(Locale.ROOT, "  FAR %-5s threshold %.4f  FRR %s (%s–%s)%n",
                    sci(p.targetFar()), p.threshold(), pct(p.frr()), pct(p.frrInterval().lower()),
                    pct(p.frrInterval().upper()))
                    : String.format(Locale.ROOT, "  FAR %-5s not measurable (%d impostor pairs)%n", sci(p.targetFar()),
                    p.impostorPairs()));
        }
        if (r.tenFold() != null) {
            m.append(String.format(Locale.ROOT, "10-fold accuracy %.2f %% ± %.2f%n", 100 * r.tenFold().result().mean(),
                    100 * r.tenFold().result().std()));
        }
        IdentificationMetrics.Result id = r.identification().get(0);
        m.append(String.format(Locale.ROOT, "1:N rank-1 %s, FNIR @ FPIR 1 %% %s%n", pct(id.rank1()),
                id.openSet().measurable() ? pct(id.openSet().fnir()) : "not measurable"));
        if (r.timing().count() > 0) {
            m.append(String.format(Locale.ROOT, "time per image p50 %.1f ms, p95 %.1f ms (%d images)%n",
                    r.timing().p50(), r.timing().p95(), r.timing().count()));
        }
        return m.toString();
    }

    static String operatingPointTable(List<OperatingPoint> clean, List<OperatingPoint> with) {
        StringBuilder m = new StringBuilder("| FAR target | threshold | FRR (95 % CI) | false rejects / genuine | "
                + "false accepts / impostor | FRR with suspects |\n|---|---:|---|---:|---:|---|\n");
        for (int i = 0; i < clean.size(); i++) {
            OperatingPoint p = clean.get(i);
            OperatingPoint w = with.get(i);
            if (!p.measurable()) {
                m.append(String.format(Locale.ROOT, "| %s | – | not measurable (%d impostor pairs < %.0f) | – | – | – |%n",
                        sci(p.targetFar()), p.impostorPairs(), VerificationMetrics.RULE_OF_THREE / p.targetFar()));
                continue;
            }
            m.append(String.format(Locale.ROOT, "| %s | %.4f | %s (%s–%s) | %d / %d | %d / %d | %s |%n",
                    sci(p.targetFar()), p.threshold(), pct(p.frr()), pct(p.frrInterval().lower()),
                    pct(p.frrInterval().upper()), p.falseRejects(), p.genuinePairs(), p.falseAccepts(),
                    p.impostorPairs(), w.measurable() ? pct(w.frr()) : "n/m"));
        }
        return m.toString();
    }

    private static String rel(FaceEvaluation.Result r, Path p) {
        try {
            return r.collection().root().relativize(p).toString();
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }

    static String pct(double rate) {
        if (Double.isNaN(rate)) {
            return "–";
        }
        double p = 100 * rate;
        return p == 0 ? "0 %" : p < 0.1 ? String.format(Locale.ROOT, "%.3f %%", p)
                : String.format(Locale.ROOT, "%.2f %%", p);
    }

    static String sci(double v) {
        int exp = (int) Math.round(Math.log10(v));
        return Math.abs(v - Math.pow(10, exp)) < 1e-12 ? "1e" + exp : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String operatingPointsCsv(FaceEvaluation.Result r) {
        StringBuilder sb = new StringBuilder("set,far_target,measurable,threshold,achieved_far,false_accepts,"
                + "impostor_pairs,frr,false_rejects,genuine_pairs,frr_ci_low,frr_ci_high\n");
        appendPoints(sb, "all_pairs_clean", r.verification().clean());
        appendPoints(sb, "all_pairs_with_suspects", r.verification().withSuspected());
        r.enrolment().points().forEach((s, pts) -> appendPoints(sb, "enrolment_" + s.name().toLowerCase(Locale.ROOT),
                pts));
        return sb.toString();
    }

    private static void appendPoints(StringBuilder sb, String set, List<OperatingPoint> pts) {
        for (OperatingPoint p : pts) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%b,%.6f,%.6e,%d,%d,%.6e,%d,%d,%.6e,%.6e%n", set,
                    sci(p.targetFar()), p.measurable(), p.threshold(), p.achievedFar(), p.falseAccepts(),
                    p.impostorPairs(), p.frr(), p.falseRejects(), p.genuinePairs(), p.frrInterval().lower(),
                    p.frrInterval().upper()));
        }
    }

    private static String suspectsCsv(List<SuspectedLabelError> list) {
        StringBuilder sb = new StringBuilder("score,same_file,first_identity,first,second_identity,second\n");
        for (SuspectedLabelError s : list) {
            sb.append(String.format(Locale.ROOT, "%.6f,%b,%s,%s,%s,%s%n", s.score(), s.sameFile(),
                    csv(s.firstIdentity()), csv(s.first().toString()), csv(s.secondIdentity()),
                    csv(s.second().toString())));
        }
        return sb.toString();
    }

    private static String mislabelledCsv(List<MislabelledImages.Suspect> list) {
        StringBuilder sb = new StringBuilder("identity,image,median_cosine_to_identity,other_images\n");
        for (MislabelledImages.Suspect s : list) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%.6f,%d%n", csv(s.image().identity()),
                    csv(s.image().path().toString()), s.median(), s.others()));
        }
        return sb.toString();
    }

    /** Every genuine pair's score, so two runs on the same images can be compared pair by pair (PairedComparison). */
    private static String genuineScoresCsv(FaceEvaluation.Result r) {
        StringBuilder sb = new StringBuilder("first,second,score\n");
        List<FaceEvaluation.ImageRecord> usable = r.images().stream().filter(i -> i.usable(r.options())).toList();
        for (int i = 0; i < usable.size(); i++) {
            for (int j = i + 1; j < usable.size(); j++) {
                FaceEvaluation.ImageRecord a = usable.get(i), b = usable.get(j);
                if (a.image().identity().equals(b.image().identity())) {
                    sb.append(csv(rel(r, a.image().path()))).append(',').append(csv(rel(r, b.image().path())))
                            .append(',').append(String.format(Locale.ROOT, "%.6f",
                                    Embeddings.dot(a.outcome().embedding(), b.outcome().embedding()))).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String failuresCsv(FaceEvaluation.Result r) {
        StringBuilder sb = new StringBuilder("identity,image,failure_code,quality_failures\n");
        for (FaceEvaluation.ImageRecord i : r.images()) {
            if (!i.outcome().hasEmbedding() || !i.outcome().qualityFailures().isEmpty()) {
                sb.append(csv(i.image().identity())).append(',').append(csv(i.image().path().toString())).append(',')
                        .append(i.outcome().failureCode() == null ? "" : i.outcome().failureCode()).append(',')
                        .append(csv(String.join(";", i.outcome().qualityFailures()))).append('\n');
            }
        }
        return sb.toString();
    }

    private static String timingCsv(FaceEvaluation.Result r) {
        StringBuilder sb = new StringBuilder("image,millis,from_cache\n");
        for (FaceEvaluation.ImageRecord i : r.images()) {
            sb.append(csv(i.image().path().toString())).append(',')
                    .append(i.fromCache() ? "" : String.format(Locale.ROOT, "%.3f", i.outcome().millis())).append(',')
                    .append(i.fromCache()).append('\n');
        }
        return sb.toString();
    }

    private static String tenFoldCsv(FaceEvaluation.PairsProtocol t) {
        StringBuilder sb = new StringBuilder("fold,pairs,threshold,accuracy\n");
        for (TenFoldProtocol.FoldResult f : t.result().folds()) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f%n", f.fold() + 1, f.pairs(), f.threshold(),
                    f.accuracy()));
        }
        return sb.toString();
    }

    private static String summary(FaceEvaluation.Result r, String name) {
        StringBuilder sb = new StringBuilder("# Headline figures of one evaluation run (machine-readable)\n");
        sb.append("dataset=").append(name).append('\n');
        sb.append("engine=").append(r.engineVersion()).append('\n');
        sb.append("images=").append(r.images().size()).append('\n');
        sb.append("failures_to_enrol=").append(r.failuresToEnrol()).append('\n');
        VerificationScores c = r.verification().pairs().clean();
        sb.append("genuine_pairs=").append(c.genuineCount()).append('\n');
        sb.append("impostor_pairs=").append(c.impostorCount()).append('\n');
        sb.append("suspected_label_errors=").append(r.verification().pairs().withSuspected().impostorCount()
                - c.impostorCount()).append('\n');
        sb.append(String.format(Locale.ROOT, "eer=%.6f%n", r.verification().eerClean().rate()));
        for (OperatingPoint p : r.verification().clean()) {
            String k = sci(p.targetFar());
            sb.append(String.format(Locale.ROOT, "threshold.far%s=%s%nfrr.far%s=%s%n", k,
                    p.measurable() ? String.format(Locale.ROOT, "%.6f", p.threshold()) : "not-measurable", k,
                    p.measurable() ? String.format(Locale.ROOT, "%.6f", p.frr()) : "not-measurable"));
        }
        sb.append("suspected_mislabelled_images=").append(r.verification().mislabelled().size()).append('\n');
        if (r.verification().relabelled() != null) {
            for (OperatingPoint p : r.verification().relabelled()) {
                if (p.measurable()) {
                    sb.append(String.format(Locale.ROOT, "relabelled.frr.far%s=%.6f%n", sci(p.targetFar()), p.frr()));
                }
            }
        }
        if (r.tenFold() != null) {
            sb.append(String.format(Locale.ROOT, "tenfold.accuracy=%.6f%ntenfold.std=%.6f%n", r.tenFold().result().mean(),
                    r.tenFold().result().std()));
        }
        IdentificationMetrics.Result id = r.identification().get(0);
        sb.append(String.format(Locale.ROOT, "rank1=%.6f%n", id.rank1()));
        sb.append("fnir.fpir=").append(id.openSet().measurable() ? String.format(Locale.ROOT, "%.6f",
                id.openSet().fnir()) : "not-measurable").append('\n');
        if (r.timing().count() > 0) {
            sb.append(String.format(Locale.ROOT, "time.p50.ms=%.2f%ntime.p95.ms=%.2f%n", r.timing().p50(),
                    r.timing().p95()));
        }
        return sb.toString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

}
