package com.facetrust.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One evaluation run: every image of a collection through the engine (or the cache), then the verification,
 * 10-fold (with a pairs file), identification and enrolment figures.
 *
 * <p>Images without an embedding are failures to enrol and take no part in the pair figures; in the
 * 10-fold protocol a pair with such an image counts as an error.
 */
public final class FaceEvaluation {

    /**
     * @param enrolImages          images averaged into a 1:N gallery template (1 or 2)
     * @param labelNoiseThreshold  impostor pairs scoring at least this are set aside as suspected label errors
     * @param maxImpostorPairs     above this, impostor pairs are sampled uniformly (seeded)
     * @param seed                 sampling seed
     * @param threads              threads for pair scoring
     * @param farTargets           FAR operating points
     * @param targetFpir           open-set FPIR for the FNIR figure
     * @param qualityGate          when true, an image that fails any enrolment quality check is a failure to enrol
     *                             as well (and is left out of the pair figures)
     * @param qualityWeighting     weights of the two enrolment images in quality-aware fusion
     * @param mislabelThreshold    an image whose median cosine to the rest of its identity is below this is listed
     *                             as possibly mislabelled (figures are also given with it as its own identity)
     */
    public record Options(int enrolImages, double labelNoiseThreshold, long maxImpostorPairs, long seed, int threads,
                          double[] farTargets, double targetFpir, boolean qualityGate,
                          QualityWeighting qualityWeighting, double mislabelThreshold) {

        public static Options defaults() {
            return new Options(1, 0.90, 100_000_000L, 1, Runtime.getRuntime().availableProcessors(),
                    VerificationMetrics.STANDARD_FAR_TARGETS, 0.01, false, QualityWeighting.INTERPUPILLARY_DISTANCE,
                    0.10);
        }

        public Options withMislabelThreshold(double t) {
            return new Options(enrolImages, labelNoiseThreshold, maxImpostorPairs, seed, threads, farTargets,
                    targetFpir, qualityGate, qualityWeighting, t);
        }

        public Options withQualityWeighting(QualityWeighting w) {
            return new Options(enrolImages, labelNoiseThreshold, maxImpostorPairs, seed, threads, farTargets,
                    targetFpir, qualityGate, w, mislabelThreshold);
        }

        public Options withEnrolImages(int n) {
            return new Options(n, labelNoiseThreshold, maxImpostorPairs, seed, threads, farTargets, targetFpir,
                    qualityGate, qualityWeighting, mislabelThreshold);
        }

        public Options withLabelNoiseThreshold(double t) {
            return new Options(enrolImages, t, maxImpostorPairs, seed, threads, farTargets, targetFpir, qualityGate,
                    qualityWeighting, mislabelThreshold);
        }

        public Options withMaxImpostorPairs(long max) {
            return new Options(enrolImages, labelNoiseThreshold, max, seed, threads, farTargets, targetFpir,
                    qualityGate, qualityWeighting, mislabelThreshold);
        }

        public Options withQualityGate(boolean gate) {
            return new Options(enrolImages, labelNoiseThreshold, maxImpostorPairs, seed, threads, farTargets,
                    targetFpir, gate, qualityWeighting, mislabelThreshold);
        }
    }

    /** One image and what became of it. */
    public record ImageRecord(LabelledImage image, String sha256, ImageOutcome outcome, boolean fromCache) {
        /** Usable for the pair figures under the given options. */
        boolean usable(Options o) {
            return outcome.hasEmbedding() && !(o.qualityGate() && !outcome.qualityFailures().isEmpty());
        }
    }

    /**
     * @param images            every image with its outcome
     * @param failuresToEnrol   images with no usable template
     * @param failureReasons    count per failure code (and per failed quality check when gated)
     * @param qualityFailures   count per failed quality check over all images that have an embedding
     * @param timing            per-image time over images processed in this run (cached ones excluded)
     * @param verification      all-pairs figures
     * @param tenFold           LFW protocol figures, null without a pairs file
     * @param identification    1:N figures for 1 image per identity and, if asked, for {@code enrolImages}
     * @param enrolment         1-image vs 2-image enrolment on the same probes
     * @param breakdowns        FRR at the FAR 1e-3 threshold by capture condition (when the engine reports them)
     */
    public record Result(ImageCollection collection, Options options, String engineVersion, List<ImageRecord> images,
                         int failuresToEnrol, Map<String, Integer> failureReasons,
                         Map<String, Integer> qualityFailures, TimingSummary timing, int cachedImages,
                         Verification verification, PairsProtocol tenFold,
                         List<IdentificationMetrics.Result> identification, Enrolment enrolment,
                         List<ConditionBreakdown.Result> breakdowns) {

        public double failureToEnrolRate() {
            return images.isEmpty() ? Double.NaN : (double) failuresToEnrol / images.size();
        }
    }

    /** All-pairs verification with and without the suspected label errors. */
    public record Verification(AllPairsScorer.Result pairs, List<OperatingPoint> clean,
                               List<OperatingPoint> withSuspected, VerificationMetrics.EqualErrorRate eerClean,
                               VerificationMetrics.EqualErrorRate eerWithSuspected,
                               List<MislabelledImages.Suspect> mislabelled, AllPairsScorer.Result relabelledPairs,
                               List<OperatingPoint> relabelled, VerificationMetrics.EqualErrorRate eerRelabelled) {
    }

    /**
     * @param file             the pairs file
     * @param result           10-fold accuracy over all listed pairs
     * @param withoutSuspected 10-fold accuracy without mismatched pairs that look like label errors (null if none)
     * @param missingImages    listed images not found in the folder (their pairs count as errors)
     * @param suspectedPairs   mismatched pairs at or above the label-noise threshold
     */
    public record PairsProtocol(LfwPairsFile file, TenFoldProtocol.Result result,
                                TenFoldProtocol.Result withoutSuspected, List<String> missingImages,
                                List<LfwPairsFile.Pair> suspectedPairs) {
    }

    /** @param result per-strategy scores; @param points per-strategy operating points */
    public record Enrolment(MultiReferenceEnrolment.Result result,
                            Map<MultiReferenceEnrolment.Strategy, List<OperatingPoint>> points,
                            Map<MultiReferenceEnrolment.Strategy, VerificationMetrics.EqualErrorRate> eer) {
    }

    private FaceEvaluation() {
    }

    public static Result run(ImageCollection collection, LfwPairsFile pairsFile, EmbeddingSource source,
                             EmbeddingCache cache, Options options, boolean showProgress) {
        List<LabelledImage> images = new ArrayList<>(collection.images());
        List<ImageRecord> records = new ArrayList<>(images.size());
        List<Double> times = new ArrayList<>();
        ProgressLine progress = showProgress ? ProgressLine.onStderr("images", images.size()) : ProgressLine.silent();
        int cached = 0;
        for (LabelledImage img : images) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(img.path());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + img.path(), e);
            }
            String sha = EmbeddingCache.sha256Hex(bytes);
            ImageOutcome outcome = cache == null ? null : cache.get(sha);
            boolean fromCache = outcome != null;
            if (outcome == null) {
                outcome = source.process(bytes);
                times.add(outcome.millis());
                if (cache != null) {
                    cache.put(sha, outcome);
                }
            } else {
                cached++;
            }
            java.util.Arrays.fill(bytes, (byte) 0);
            records.add(new ImageRecord(img, sha, outcome, fromCache));
            progress.update(records.size());
        }

        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> quality = new TreeMap<>();
        int fte = 0;
        for (ImageRecord r : records) {
            for (String q : r.outcome().qualityFailures()) {
                if (r.outcome().hasEmbedding()) {
                    quality.merge(q, 1, Integer::sum);
                }
            }
            if (!r.usable(options)) {
                fte++;
                if (!r.outcome().hasEmbedding()) {
                    reasons.merge(r.outcome().failureCode(), 1, Integer::sum);
                } else {
                    for (String q : r.outcome().qualityFailures()) {
                        reasons.merge("QUALITY_INSUFFICIENT: " + q, 1, Integer::sum);
                    }
                }
            }
        }
        TimingSummary timing = TimingSummary.of(times.stream().filter(t -> !Double.isNaN(t))
                .mapToDouble(Double::doubleValue).toArray());

        // Usable samples, identity indices in collection order.
        Map<String, Integer> identityIndex = new LinkedHashMap<>();
        List<AllPairsScorer.Sample> samples = new ArrayList<>();
        for (ImageRecord r : records) {
            int id = identityIndex.computeIfAbsent(r.image().identity(), k -> identityIndex.size());
            if (r.usable(options)) {
                samples.add(new AllPairsScorer.Sample(id, r.sha256(), r.outcome().embedding(), r.image()));
            }
        }
        long n = samples.size();
        ProgressLine pairProgress = showProgress ? ProgressLine.onStderr("pairs", n * (n - 1) / 2)
                : ProgressLine.silent();
        AllPairsScorer.Result pairs = new AllPairsScorer(options.labelNoiseThreshold(), options.maxImpostorPairs(),
                options.seed(), options.threads()).score(samples, pairProgress::update);
        List<MislabelledImages.Suspect> mislabelled = MislabelledImages.find(samples, options.mislabelThreshold());
        AllPairsScorer.Result relabelled = mislabelled.isEmpty() ? null
                : new AllPairsScorer(options.labelNoiseThreshold(), options.maxImpostorPairs(), options.seed(),
                options.threads()).score(MislabelledImages.relabelled(samples, mislabelled), null);
        Verification verification = new Verification(pairs,
                VerificationMetrics.operatingPoints(pairs.clean(), options.farTargets()),
                VerificationMetrics.operatingPoints(pairs.withSuspected(), options.farTargets()),
                VerificationMetrics.equalErrorRate(pairs.clean()),
                VerificationMetrics.equalErrorRate(pairs.withSuspected()), mislabelled, relabelled,
                relabelled == null ? null : VerificationMetrics.operatingPoints(relabelled.clean(), options.farTargets()),
                relabelled == null ? null : VerificationMetrics.equalErrorRate(relabelled.clean()));

        PairsProtocol tenFold = pairsFile == null ? null : pairsProtocol(collection.root(), pairsFile, records,
                options);

        // Per identity, usable embeddings in name order (with quality weights).
        List<List<float[]>> perIdentity = new ArrayList<>();
        List<List<Double>> weights = new ArrayList<>();
        for (int k = 0; k < identityIndex.size(); k++) {
            perIdentity.add(new ArrayList<>());
            weights.add(new ArrayList<>());
        }
        for (ImageRecord r : records) {
            if (r.usable(options)) {
                int id = identityIndex.get(r.image().identity());
                perIdentity.get(id).add(r.outcome().embedding());
                weights.get(id).add(options.qualityWeighting().weight(r.outcome()));
            }
        }
        List<IdentificationMetrics.Result> identification = new ArrayList<>();
        identification.add(IdentificationMetrics.evaluate(perIdentity, 1, options.targetFpir()));
        if (options.enrolImages() > 1) {
            identification.add(IdentificationMetrics.evaluate(perIdentity, options.enrolImages(),
                    options.targetFpir()));
        }
        List<MultiReferenceEnrolment.Identity> enrolIds = new ArrayList<>();
        for (int k = 0; k < perIdentity.size(); k++) {
            double[] w = weights.get(k).stream().mapToDouble(d -> d > 0 && !Double.isNaN(d) ? d : 1).toArray();
            enrolIds.add(new MultiReferenceEnrolment.Identity(perIdentity.get(k), w));
        }
        MultiReferenceEnrolment.Result enrol = MultiReferenceEnrolment.evaluate(enrolIds);
        Map<MultiReferenceEnrolment.Strategy, List<OperatingPoint>> enrolPoints = new LinkedHashMap<>();
        Map<MultiReferenceEnrolment.Strategy, VerificationMetrics.EqualErrorRate> enrolEer = new LinkedHashMap<>();
        enrol.scores().forEach((s, v) -> {
            enrolPoints.put(s, VerificationMetrics.operatingPoints(v, options.farTargets()));
            enrolEer.put(s, VerificationMetrics.equalErrorRate(v));
        });

        List<ConditionBreakdown.Result> breakdowns = new ArrayList<>();
        OperatingPoint at1e3 = VerificationMetrics.atFar(pairs.clean(), 1e-3);
        if (at1e3.measurable()) {
            Map<String, ImageOutcome> bySha = new HashMap<>();
            records.forEach(r -> bySha.put(r.sha256(), r.outcome()));
            double t = at1e3.threshold();
            breakdowns.add(ConditionBreakdown.of("interpupillary distance (px), smaller of the pair", samples,
                    s -> bySha.get(s.sha256()).measure("interpupillary_distance"), ConditionBreakdown.Worse.MIN, t,
                    15, 20, 30, 45, 60, 90));
            breakdowns.add(ConditionBreakdown.of("|yaw| (degrees), larger of the pair", samples,
                    s -> bySha.get(s.sha256()).measure("yaw"), ConditionBreakdown.Worse.MAX_ABS, t,
                    10, 20, 30, 45));
            breakdowns.add(ConditionBreakdown.of("|pitch| (degrees), larger of the pair", samples,
                    s -> bySha.get(s.sha256()).measure("pitch"), ConditionBreakdown.Worse.MAX_ABS, t,
                    10, 20, 30));
            breakdowns.removeIf(b -> b.unknown() > 0 && b.rows().stream().allMatch(r -> r.genuinePairs() == 0));
        }
        return new Result(collection, options, source.version(), records, fte, reasons, quality, timing, cached,
                verification, tenFold, identification, new Enrolment(enrol, enrolPoints, enrolEer), breakdowns);
    }

    private static PairsProtocol pairsProtocol(Path root, LfwPairsFile file, List<ImageRecord> records,
                                               Options options) {
        Map<Path, ImageRecord> byPath = new HashMap<>();
        for (ImageRecord r : records) {
            byPath.put(r.image().path().toAbsolutePath().normalize(), r);
        }
        List<String> missing = new ArrayList<>();
        List<TenFoldProtocol.ScoredPair> scored = new ArrayList<>();
        List<TenFoldProtocol.ScoredPair> scoredClean = new ArrayList<>();
        List<LfwPairsFile.Pair> suspected = new ArrayList<>();
        for (LfwPairsFile.Pair p : file.pairs()) {
            float[] a = embedding(root, p.name1(), p.index1(), byPath, missing, options);
            float[] b = embedding(root, p.name2(), p.index2(), byPath, missing, options);
            double s = a == null || b == null ? Double.NaN : Embeddings.dot(a, b);
            TenFoldProtocol.ScoredPair sp = new TenFoldProtocol.ScoredPair(p.fold(), p.genuine(), s);
            scored.add(sp);
            if (!p.genuine() && s >= options.labelNoiseThreshold()) {
                suspected.add(p);
            } else {
                scoredClean.add(sp);
            }
        }
        TenFoldProtocol.Result all = TenFoldProtocol.evaluate(scored);
        TenFoldProtocol.Result clean = suspected.isEmpty() ? null : TenFoldProtocol.evaluate(scoredClean);
        return new PairsProtocol(file, all, clean, missing.stream().distinct().toList(), suspected);
    }

    private static float[] embedding(Path root, String name, int index, Map<Path, ImageRecord> byPath,
                                     List<String> missing, Options options) {
        Path path = LfwPairsFile.resolve(root, name, index).orElse(null);
        ImageRecord r = path == null ? null : byPath.get(path.toAbsolutePath().normalize());
        if (r == null) {
            missing.add(String.format(java.util.Locale.ROOT, "%s/%s_%04d", name, name, index));
            return null;
        }
        return r.usable(options) ? r.outcome().embedding() : null;
    }
}
