package com.facetrust.interfaces.cli;

import com.facetrust.evaluation.AlignmentVariantSource;
import com.facetrust.evaluation.EmbeddingCache;
import com.facetrust.evaluation.EmbeddingSource;
import com.facetrust.evaluation.EvaluationReport;
import com.facetrust.evaluation.FaceEngineEmbeddingSource;
import com.facetrust.evaluation.FaceEvaluation;
import com.facetrust.evaluation.ImageCollection;
import com.facetrust.evaluation.LfwPairsFile;
import com.facetrust.evaluation.QualityWeighting;
import com.facetrust.evaluation.ThresholdCalibration;
import com.facetrust.infrastructure.face.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facetrust evaluate}: runs the face engine over a labelled folder (and optionally an LFW pairs file) and
 * writes the accuracy report (issue 3, "Evaluation tool").
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure face recognition accuracy on a folder of <identity>/<image> files.",
                "Writes report.md, DET curve (SVG + CSV), score histograms, operating points, failures, timing."})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--images", required = true, paramLabel = "DIR",
            description = "Folder of <identity>/<image> (LFW layout: <Name>/<Name>_<NNNN>.jpg).")
    Path images;

    @Option(names = "--pairs", paramLabel = "FILE",
            description = "LFW pairs.txt: adds the 10-fold protocol (threshold chosen on 9 folds, tested on the 10th).")
    Path pairs;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: evaluation/<name>).")
    Path out;

    @Option(names = "--name", description = "Data set name for the report (default: the folder's name).")
    String name;

    @Option(names = "--enrol-images", defaultValue = "1",
            description = "Images averaged into each 1:N gallery template: 1 or 2 (default ${DEFAULT-VALUE}; the "
                    + "1-vs-2 image verification comparison is always reported).")
    int enrolImages;

    @Option(names = "--flip-fusion", negatable = true, defaultValue = "false",
            description = "Average the embeddings of each face and its mirror image (default ${DEFAULT-VALUE}).")
    boolean flipFusion;

    @Option(names = "--alignment",
            description = "Measure an alignment variant instead of the full engine pipeline (no quality judgement on "
                    + "that path): ${COMPLETION-CANDIDATES}.")
    AlignmentVariantSource.Alignment alignment;

    @Option(names = "--preprocess", defaultValue = "NONE",
            description = "Contrast normalisation of the aligned face, measured with --alignment: "
                    + "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    AlignmentVariantSource.Preprocess preprocess;

    @Option(names = "--quality-profile", defaultValue = "enrolment",
            description = "Quality profile judged per image: enrolment, verification or capture (default ${DEFAULT-VALUE}).")
    String qualityProfile;

    @Option(names = "--quality-gate", defaultValue = "false",
            description = "Count images failing the quality profile as failures to enrol and leave them out of the "
                    + "pair figures (default ${DEFAULT-VALUE}).")
    boolean qualityGate;

    @Option(names = "--quality-weighting", defaultValue = "INTERPUPILLARY_DISTANCE",
            description = "Weights of quality-aware 2-image fusion: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    QualityWeighting qualityWeighting;

    @Option(names = "--label-noise-threshold", defaultValue = "0.90",
            description = "Impostor pairs with cosine >= this are listed as suspected label errors (default ${DEFAULT-VALUE}).")
    double labelNoiseThreshold;

    @Option(names = "--mislabel-threshold", defaultValue = "0.10",
            description = "Images whose median cosine to the rest of their identity is below this are listed as "
                    + "possibly mislabelled; figures are also given with each as its own identity (default ${DEFAULT-VALUE}).")
    double mislabelThreshold;

    @Option(names = "--max-impostor-pairs", defaultValue = "100000000",
            description = "Above this many impostor pairs a seeded uniform sample of this size is used (default ${DEFAULT-VALUE}).")
    long maxImpostorPairs;

    @Option(names = "--seed", defaultValue = "1", description = "Sampling seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Threads for pair scoring (default: available processors).")
    Integer threads;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Embedding cache folder (default: ~/.cache/facetrust/embeddings).")
    Path cache;

    @Option(names = "--no-cache", description = "Neither read nor write the embedding cache.")
    boolean noCache;

    @Option(names = "--write-thresholds", paramLabel = "FILE",
            description = "Also write thresholds calibrated at FAR 1e-3, 1e-4, 1e-5 as a properties file.")
    Path thresholdsFile;

    @Option(names = "--check-thresholds", paramLabel = "FILE",
            description = "Check thresholds calibrated on another set (a --write-thresholds file) on this one: FAR and "
                    + "FRR at each, appended to report.md.")
    Path checkThresholds;

    @Option(names = "--quiet", description = "No progress display.")
    boolean quiet;

    /** Builds the embedding source; replaced in tests. Default: the real engine with the models from the class path. */
    Function<EvaluateCommand, EmbeddingSource> sourceFactory = c -> c.alignment == null
            && c.preprocess == AlignmentVariantSource.Preprocess.NONE
            ? FaceEngineEmbeddingSource.load(EngineConfig.defaults().withFlipFusion(c.flipFusion), c.qualityProfile)
            : new AlignmentVariantSource(EngineConfig.defaults().withFlipFusion(c.flipFusion),
                    c.alignment == null ? AlignmentVariantSource.Alignment.ENGINE : c.alignment, c.preprocess);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (enrolImages < 1 || enrolImages > 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--enrol-images must be 1 or 2");
        }
        if (!Files.isDirectory(images)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--images: not a folder: " + images);
        }
        String dataset = name != null ? name : images.toAbsolutePath().normalize().getFileName().toString();
        Path outDir = out != null ? out : Path.of("evaluation", dataset);
        ImageCollection collection = ImageCollection.read(images);
        if (collection.images().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--images: no <identity>/<image> files in "
                    + images);
        }
        LfwPairsFile pairsFile = null;
        if (pairs != null) {
            try {
                pairsFile = LfwPairsFile.read(pairs);
            } catch (LfwPairsFile.FormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--pairs " + pairs + ": " + e.getMessage());
            }
        }
        FaceEvaluation.Options options = FaceEvaluation.Options.defaults().withEnrolImages(enrolImages)
                .withLabelNoiseThreshold(labelNoiseThreshold).withMaxImpostorPairs(maxImpostorPairs)
                .withQualityGate(qualityGate).withQualityWeighting(qualityWeighting);
        options = new FaceEvaluation.Options(options.enrolImages(), options.labelNoiseThreshold(),
                options.maxImpostorPairs(), seed, threads != null ? threads : options.threads(), options.farTargets(),
                options.targetFpir(), options.qualityGate(), options.qualityWeighting(), mislabelThreshold);
        System.err.printf("evaluate: %d images of %d identities in %s%n", collection.images().size(),
                collection.identityCount(), images);
        try (EmbeddingSource source = sourceFactory.apply(this);
             EmbeddingCache embeddingCache = noCache ? null : EmbeddingCache.open(cache != null ? cache
                     : Path.of(System.getProperty("user.home"), ".cache", "facetrust", "embeddings"), source.version())) {
            FaceEvaluation.Result result = FaceEvaluation.run(collection, pairsFile, source, embeddingCache, options,
                    !quiet);
            List<Path> written = EvaluationReport.write(result, dataset, outDir);
            if (thresholdsFile != null) {
                ThresholdCalibration.write(thresholdsFile, dataset, source.version(),
                        result.verification().pairs().clean(), 1e-3, 1e-4, 1e-5);
                written = new java.util.ArrayList<>(written);
                written.add(thresholdsFile);
            }
            if (checkThresholds != null) {
                java.util.Properties calibration = new java.util.Properties();
                try (var reader = Files.newBufferedReader(checkThresholds)) {
                    calibration.load(reader);
                }
                String check = "\n## Calibrated thresholds checked on this set\n\n"
                        + ThresholdCalibration.check(result.verification().pairs().clean(), calibration);
                Files.writeString(outDir.resolve("report.md"), check, java.nio.file.StandardOpenOption.APPEND);
                System.out.print(check);
            }
            System.out.print(EvaluationReport.headline(result, dataset));
            System.out.println("Report: " + outDir.resolve("report.md"));
            written.forEach(p -> System.err.println("wrote " + p));
        }
        return 0;
    }
}
