package com.facetrust.interfaces.cli;

import com.facetrust.evaluation.pad.PadDatasetReader;
import com.facetrust.evaluation.pad.PadDetWriter;
import com.facetrust.evaluation.pad.PadEvaluation;
import com.facetrust.evaluation.pad.PadItem;
import com.facetrust.evaluation.pad.PadItemScorer;
import com.facetrust.evaluation.pad.PadOperatingPoint;
import com.facetrust.evaluation.pad.PadScore;
import com.facetrust.evaluation.pad.PadThresholdRule;
import com.facetrust.infrastructure.face.EngineConfig;
import com.facetrust.infrastructure.face.FaceEngine;
import com.facetrust.infrastructure.liveness.LivenessFrameAnalyzer;
import com.facetrust.infrastructure.liveness.MultiFrameLivenessCheck;
import com.facetrust.infrastructure.liveness.PassiveFrameCheck;
import com.facetrust.infrastructure.liveness.PassiveLivenessModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facetrust pad-evaluate}: presentation-attack detection evaluation in ISO/IEC 30107-3 terms (issue 6,
 * "Evaluation tool"). Reads {@code live/} and {@code attack-<type>/} (images, or sub-folders of frames), scores every
 * item with the server's own checks, and writes report.md, scores.csv, det.csv and det.svg.
 *
 * <p>Calibration keeps subjects apart: {@code --calibration-subjects} fixes the threshold on those subjects and
 * reports on the others; {@code --leave-one-subject-out} does that for each subject in turn and pools the held-out
 * decisions. Subjects are the leading number of file names ({@code 0001_...}).
 */
@Command(name = "pad-evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure presentation-attack detection (ISO/IEC 30107-3: APCER per attack type, BPCER, "
                + "BPCER at APCER 0.1/1/5 %) on live/ and attack-<type>/ folders.",
                "Writes report.md, scores.csv, det.csv, det.svg."})
public final class PadEvaluateCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Folder with live/ and attack-<type>/ (images, or sub-folders of frames).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: evaluation/pad-<name>).")
    Path out;

    @Option(names = "--name", description = "Data set name for the report (default: the folder's name).")
    String name;

    @Option(names = "--threshold", description = "Single-frame live-probability threshold (default: the calibrated "
            + "facetrust.liveness.passive.threshold = " + PassiveFrameCheck.Config.CALIBRATED_THRESHOLD + ").")
    Double threshold;

    @Option(names = "--calibration-subjects", split = ",", paramLabel = "ID",
            description = "Calibrate the threshold on these subjects (file-name prefix, e.g. 0001,0002) by the "
                    + "--threshold-rule and report on all other subjects.")
    List<String> calibrationSubjects;

    @Option(names = "--leave-one-subject-out", description = "Calibrate on all subjects but one, test on that one, "
            + "for each subject; report the pooled held-out decisions.")
    boolean leaveOneSubjectOut;

    @Option(names = "--channel-order", defaultValue = "BGR",
            description = "Channel order fed to the liveness model: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE};"
                    + " RGB only to repeat the measurement that chose BGR).")
    PassiveLivenessModel.ChannelOrder channelOrder;

    @Option(names = "--views", defaultValue = "CROP_AND_MIRROR",
            description = "Views of the face the liveness model scores: ${COMPLETION-CANDIDATES} (default "
                    + "${DEFAULT-VALUE}: log-odds of the crop and its mirror averaged; CROP only to repeat the "
                    + "measurement that chose both).")
    PassiveLivenessModel.Views views;

    @Option(names = "--threshold-rule", defaultValue = "TOLERANCE",
            description = "How --calibration-subjects and --leave-one-subject-out set thresholds: "
                    + "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: midpoint of the 95 % tolerance bounds of "
                    + "the attacks' 99.9th and the live scores' 0.1st percentile; MARGIN = the session-1 rule).")
    PadThresholdRule.Kind thresholdRule;

    @Option(names = "--fps", defaultValue = "15", description = "Frame rate of frame sequences (default ${DEFAULT-VALUE}).")
    double fps;

    @Override
    public Integer call() throws Exception {
        String dataName = name != null ? name : data.toAbsolutePath().normalize().getFileName().toString();
        Path outDir = out != null ? out : Path.of("evaluation", "pad-" + dataName);
        Files.createDirectories(outDir);
        List<PadItem> items = PadDatasetReader.read(data);
        double operating = threshold != null ? threshold : PassiveFrameCheck.Config.CALIBRATED_THRESHOLD;
        List<PadItemScorer.Scored> scored = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try (FaceEngine engine = FaceEngine.fromClasspathModels(EngineConfig.defaults())) {
            PassiveLivenessModel model = new PassiveLivenessModel(engine.model(PassiveLivenessModel.MODEL_FILE),
                    channelOrder, views);
            PadItemScorer scorer = new PadItemScorer(engine, model,
                    new LivenessFrameAnalyzer(engine, model, LivenessFrameAnalyzer.Config.defaults(), pool),
                    new MultiFrameLivenessCheck(MultiFrameLivenessCheck.Config.defaults().withPassiveThreshold(operating)),
                    fps);
            int done = 0;
            for (PadItem item : items) {
                scored.add(scorer.score(item));
                if (++done % 50 == 0 || done == items.size()) {
                    System.err.printf(Locale.ROOT, "\rscored %d/%d", done, items.size());
                }
            }
            System.err.println();
        } finally {
            pool.shutdownNow();
        }
        writeScores(scored, outDir.resolve("scores.csv"));
        String report = report(dataName, scored, operating, outDir);
        Files.writeString(outDir.resolve("report.md"), report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("Wrote " + outDir.toAbsolutePath());
        return 0;
    }

    private String report(String dataName, List<PadItemScorer.Scored> scored, double operating, Path outDir)
            throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# PAD evaluation: ").append(dataName).append("\n\n");
        long images = scored.stream().filter(s -> !s.isSequence()).count();
        long sequences = scored.size() - images;
        md.append(String.format(Locale.ROOT, "Items: %d (%d single images scored by the single-frame model, %d frame "
                + "sequences by the multi-frame check at %.0f fps). Channel order %s, views %s.%n%n", scored.size(),
                images, sequences, fps, channelOrder, views));
        Set<String> types = new TreeSet<>();
        for (PadItemScorer.Scored s : scored) {
            types.add(s.item().isBonaFide() ? "live" : "attack-" + s.item().attackType());
        }
        md.append("| folder | items | not processed (no face etc.) |\n|---|---|---|\n");
        for (String t : types) {
            List<PadItemScorer.Scored> of = scored.stream().filter(s -> (s.item().isBonaFide() ? "live"
                    : "attack-" + s.item().attackType()).equals(t)).toList();
            md.append("| ").append(t).append(" | ").append(of.size()).append(" | ")
                    .append(of.stream().filter(s -> s.failure() != null).count()).append(" |\n");
        }
        md.append('\n');

        if (images > 0 && sequences > 0) {
            md.append("Images and sequences are scored on different scales; they are reported separately.\n\n");
        }
        if (images > 0) {
            List<PadItemScorer.Scored> img = scored.stream().filter(s -> !s.isSequence()).toList();
            if (calibrationSubjects != null && !calibrationSubjects.isEmpty()) {
                Set<String> cal = new LinkedHashSet<>(calibrationSubjects);
                md.append(calibrationSplit(img, cal, outDir));
            } else if (leaveOneSubjectOut) {
                md.append(leaveOneSubjectOut(img, outDir));
            } else {
                md.append("## Single images at threshold ").append(fmt(operating)).append("\n\n");
                md.append(section(img, s -> true, operating, outDir, "det"));
            }
        }
        if (sequences > 0) {
            List<PadItemScorer.Scored> seq = scored.stream().filter(PadItemScorer.Scored::isSequence).toList();
            md.append("## Frame sequences (multi-frame check; fused score, operating point 0.5)\n\n");
            md.append(section(seq, s -> true, 0.5, outDir, images > 0 ? "det-sequences" : "det"));
            md.append("| sequence | verdict | fused score | cues | reasons | ms |\n|---|---|---|---|---|---|\n");
            for (PadItemScorer.Scored s : seq) {
                md.append("| ").append(s.item().id()).append(" | ")
                        .append(s.judgement() == null ? s.failure() : s.judgement().verdict()).append(" | ")
                        .append(fmt(s.rawScore())).append(" | ")
                        .append(s.judgement() == null ? "" : String.join("; ",
                                s.judgement().cues().stream().map(Object::toString).toList()))
                        .append(" | ").append(s.judgement() == null ? "" : s.judgement().reasons())
                        .append(" | ").append(String.format(Locale.ROOT, "%.0f", s.millis())).append(" |\n");
            }
            md.append('\n');
        }
        md.append(hardest(scored));
        md.append(timing(scored));
        return md.toString();
    }

    private String calibrationSplit(List<PadItemScorer.Scored> img, Set<String> cal, Path outDir) throws Exception {
        List<PadItemScorer.Scored> calItems = img.stream().filter(s -> cal.contains(s.item().subject())).toList();
        double t = PadThresholdRule.threshold(thresholdRule, raw(calItems, true), raw(calItems, false));
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Calibrated on subjects %s (%d live, %d attack images), tested on the "
                + "other subjects%n%nThreshold by the %s rule: **%s**.%n%n", String.join(", ", cal),
                raw(calItems, true).length, raw(calItems, false).length, thresholdRule, fmt(t)));
        md.append(section(img, s -> !cal.contains(s.item().subject()), t, outDir, "det"));
        return md.toString();
    }

    private String leaveOneSubjectOut(List<PadItemScorer.Scored> img, Path outDir) throws Exception {
        Set<String> subjects = new TreeSet<>();
        for (PadItemScorer.Scored s : img) {
            if (s.item().subject() == null) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "leave-one-subject-out needs subject numbers at the start of every file name: " + s.item().id());
            }
            subjects.add(s.item().subject());
        }
        // Each held-out item's score is mapped through its own fold's threshold (0.5 = that threshold), so the
        // pooled decisions are exactly the per-fold decisions and one DET curve can be drawn from them.
        List<PadScore> pooled = new ArrayList<>();
        StringBuilder folds = new StringBuilder("| held-out subject | threshold | live rejected | attacks accepted |\n"
                + "|---|---|---|---|\n");
        for (String held : subjects) {
            List<PadItemScorer.Scored> cal = img.stream().filter(s -> !held.equals(s.item().subject())).toList();
            double t = PadThresholdRule.threshold(thresholdRule, raw(cal, true), raw(cal, false));
            int liveRejected = 0;
            int attacksAccepted = 0;
            for (PadItemScorer.Scored s : img) {
                if (!held.equals(s.item().subject())) {
                    continue;
                }
                double n = normalise(s.rawScore(), t);
                pooled.add(new PadScore(s.item().id(), s.item().attackType(), n));
                if (s.item().isBonaFide() && n < 0.5) {
                    liveRejected++;
                }
                if (!s.item().isBonaFide() && n >= 0.5) {
                    attacksAccepted++;
                }
            }
            folds.append("| ").append(held).append(" | ").append(fmt(t)).append(" | ").append(liveRejected)
                    .append(" | ").append(attacksAccepted).append(" |\n");
        }
        PadEvaluation e = new PadEvaluation(pooled);
        StringBuilder md = new StringBuilder("## Leave one subject out (" + subjects.size() + " folds, pooled; "
                + thresholdRule + " rule)\n\n");
        md.append(folds).append('\n');
        md.append(String.format(Locale.ROOT, "Calibrated on all %d subjects by the same rule: **%s** (what "
                + "facetrust.liveness.passive.threshold is set from; in-sample, not a test figure).%n%n",
                subjects.size(), fmt(PadThresholdRule.threshold(thresholdRule, raw(img, true), raw(img, false)))));
        md.append(rates(e, 0.5, "per-fold thresholds"));
        PadDetWriter.writeCsv(e, outDir.resolve("det.csv"));
        PadDetWriter.writeSvg(e, "PAD DET (leave one subject out)", outDir.resolve("det.svg"));
        return md.toString();
    }

    private String section(List<PadItemScorer.Scored> all, Predicate<PadItemScorer.Scored> include, double t,
                           Path outDir, String detName) throws Exception {
        List<PadScore> scores = new ArrayList<>();
        for (PadItemScorer.Scored s : all) {
            if (include.test(s)) {
                scores.add(new PadScore(s.item().id(), s.item().attackType(), s.rawScore()));
            }
        }
        if (scores.stream().noneMatch(PadScore::isBonaFide) || scores.stream().allMatch(PadScore::isBonaFide)) {
            return "Not enough data: need both live and attack items.\n\n";
        }
        PadEvaluation e = new PadEvaluation(scores);
        PadDetWriter.writeCsv(e, outDir.resolve(detName + ".csv"));
        PadDetWriter.writeSvg(e, "PAD DET", outDir.resolve(detName + ".svg"));
        return rates(e, t, "threshold " + fmt(t));
    }

    static String rates(PadEvaluation e, double t, String label) {
        StringBuilder md = new StringBuilder();
        PadOperatingPoint p = e.at(t);
        md.append("At the operating point (").append(label).append("):\n\n| measure | value |\n|---|---|\n");
        for (var entry : p.apcerPerType().entrySet()) {
            md.append("| APCER ").append(entry.getKey()).append(" | ").append(entry.getValue().describe())
                    .append(" |\n");
        }
        md.append("| **APCER (worst type: ").append(p.worstAttackType()).append(")** | ")
                .append(p.apcerMax().describe()).append(" |\n");
        md.append("| **BPCER** | ").append(p.bpcer().describe()).append(" |\n\n");
        md.append("| target APCER | threshold | APCER reached | BPCER | measurable (≥ 3/APCER attacks per type) |\n"
                + "|---|---|---|---|---|\n");
        for (double target : new double[] {0.001, 0.01, 0.05}) {
            PadOperatingPoint q = e.atApcer(target);
            md.append(String.format(Locale.ROOT, "| %.1f %% | %s | %s | %s | %s |%n", 100 * target,
                    fmt(q.threshold()), q.apcerMax().describe(), q.bpcer().describe(),
                    q.measurable() ? "yes" : "no — too few attacks; the figure is an optimistic bound"));
        }
        double[] eer = e.equalErrorPoint();
        md.append(String.format(Locale.ROOT, "%nEqual-error point: APCER %.2f %%, BPCER %.2f %% at %s.%n%n",
                100 * eer[1], 100 * eer[2], fmt(eer[0])));
        return md.toString();
    }

    /** The lowest-scoring live and highest-scoring attack items: where to look first when a rate is off. */
    private static String hardest(List<PadItemScorer.Scored> scored) {
        StringBuilder md = new StringBuilder("## Hardest items (raw scores; single images and sequences apart)\n\n"
                + "| item | kind | score | failure |\n|---|---|---|---|\n");
        for (boolean seq : new boolean[] {false, true}) {
            List<PadItemScorer.Scored> of = scored.stream().filter(s -> s.isSequence() == seq).toList();
            of.stream().filter(s -> s.item().isBonaFide())
                    .sorted(java.util.Comparator.comparingDouble(PadItemScorer.Scored::rawScore)).limit(5)
                    .forEach(s -> md.append(row(s, "live, lowest")));
            of.stream().filter(s -> !s.item().isBonaFide())
                    .sorted(java.util.Comparator.comparingDouble(PadItemScorer.Scored::rawScore).reversed()).limit(5)
                    .forEach(s -> md.append(row(s, "attack, highest")));
        }
        return md.append('\n').toString();
    }

    private static String row(PadItemScorer.Scored s, String kind) {
        return "| " + s.item().id() + " | " + kind + " | " + fmt(s.rawScore()) + " | "
                + (s.failure() == null ? "" : s.failure()) + " |\n";
    }

    private static String timing(List<PadItemScorer.Scored> scored) {
        StringBuilder md = new StringBuilder("## Timing (this 2-core machine, shared with other work: CPU time is the cost figure)\n\n");
        for (boolean seq : new boolean[] {false, true}) {
            double[] ms = scored.stream().filter(s -> s.isSequence() == seq && s.failure() == null)
                    .mapToDouble(PadItemScorer.Scored::millis).sorted().toArray();
            double[] cpu = scored.stream().filter(s -> s.isSequence() == seq && s.failure() == null)
                    .mapToDouble(PadItemScorer.Scored::cpuMillis).sorted().toArray();
            if (ms.length == 0) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "- %s: wall p50 %.1f ms, p95 %.1f ms; CPU p50 %.1f ms, p95 %.1f ms "
                            + "(n = %d)%n",
                    seq ? "frame sequence, whole check" : "single image (decode + detect + landmarks + model)",
                    ms[ms.length / 2], ms[p95(ms.length)], cpu[cpu.length / 2], cpu[p95(cpu.length)], ms.length));
        }
        return md.append('\n').toString();
    }

    private static int p95(int n) {
        return (int) Math.min(n - 1, Math.round(0.95 * (n - 1)));
    }

    private static void writeScores(List<PadItemScorer.Scored> scored, Path file) throws Exception {
        StringBuilder sb = new StringBuilder("item,attack_type,subject,score,verdict,failure,millis,cpu_millis\n");
        for (PadItemScorer.Scored s : scored) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%.8f,%s,%s,%.1f,%.1f%n", s.item().id(),
                    s.item().isBonaFide() ? "" : s.item().attackType(),
                    s.item().subject() == null ? "" : s.item().subject(), s.rawScore(),
                    s.judgement() == null ? "" : s.judgement().verdict(), s.failure() == null ? "" : s.failure(),
                    s.millis(), s.cpuMillis()));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static double[] raw(List<PadItemScorer.Scored> items, boolean live) {
        return items.stream().filter(s -> s.item().isBonaFide() == live).mapToDouble(PadItemScorer.Scored::rawScore)
                .toArray();
    }

    static double normalise(double p, double t) {
        double e = 1e-12;
        double lp = Math.log(Math.max(p, e) / Math.max(1 - p, e));
        double lt = Math.log(Math.max(t, e) / Math.max(1 - t, e));
        return 1 / (1 + Math.exp(-(lp - lt)));
    }

    private static String fmt(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "+∞" : "−∞") : String.format(Locale.ROOT, "%.4g", v);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new PadEvaluateCommand()).execute(args));
    }
}
