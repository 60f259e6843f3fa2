package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.AlignmentPoints;
import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.DetectedFace;
import com.facetrust.domain.face.Embedding;
import com.facetrust.domain.face.EyeState;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.face.FaceCandidate;
import com.facetrust.domain.face.FaceImage;
import com.facetrust.domain.face.HeadPose;
import com.facetrust.domain.face.ImageHeader;
import com.facetrust.domain.face.Landmarks68;
import com.facetrust.domain.face.MainFaceRule;
import com.facetrust.domain.face.QualityEvidence;
import com.facetrust.domain.face.QualityReport;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The face engine's one entry point (issue 3): safe decoding → detection → 68 landmarks → main face → alignment →
 * pose, eyes, quality → embedding. Plain Java: construct it once per JVM with {@link #fromClasspathModels} and share
 * it; it is thread-safe, runs at most {@code maxConcurrentAnalyses} analyses at once, and holds one ONNX Runtime
 * session per model. Close it at shutdown.
 */
public final class FaceEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FaceEngine.class.getName());

    private final EngineConfig config;
    private final ModelRepository models;
    private final Map<String, OnnxModel> sessions = new ConcurrentHashMap<>();
    private final SafeImageDecoder decoder;
    private final UltraFaceDetector detector;
    private final OnnxLandmarker landmarker;
    private final SimilarityAligner aligner = new SimilarityAligner();
    private final OnnxFaceEmbedder embedder;
    private final OnnxHeadPoseEstimator poseEstimator;
    private final OnnxEyeStateClassifier eyeClassifier;
    private final ImageQualityAssessor qualityAssessor = new ImageQualityAssessor();
    private final Semaphore permits;
    private final double loadMillis;

    private FaceEngine(EngineConfig config, ModelRepository models) {
        long t0 = System.nanoTime();
        OpenCvRuntime.ensureLoaded();
        this.config = config;
        this.models = models;
        this.decoder = new SafeImageDecoder(config);
        this.detector = new UltraFaceDetector(model("fr_detect.onnx"), config);
        this.landmarker = new OnnxLandmarker(model("fr_landmark.onnx"));
        this.embedder = new OnnxFaceEmbedder(model("fr_feature.onnx"), config.flipFusion());
        this.poseEstimator = new OnnxHeadPoseEstimator(model("fr_pose.onnx"));
        this.eyeClassifier = new OnnxEyeStateClassifier(model("fr_eye.onnx"));
        this.permits = new Semaphore(Math.max(1, config.maxConcurrentAnalyses()), true);
        this.loadMillis = (System.nanoTime() - t0) / 1e6;
        LOG.log(System.Logger.Level.INFO, "Face engine loaded in {0} ms; models: {1}",
                String.format(java.util.Locale.ROOT, "%.0f", loadMillis), models.manifest().stream()
                        .map(m -> m.file() + " sha256=" + m.sha256().substring(0, 12) + "… " + m.source()).toList());
    }

    /** Loads the models from {@code facetrust-models.jar} on the class path (checking their SHA-256). */
    public static FaceEngine fromClasspathModels(EngineConfig config) {
        return new FaceEngine(config, ModelRepository.fromClasspath(config.verifyModelHashes()));
    }

    public EngineConfig config() {
        return config;
    }

    /** The model manifest (file, SHA-256, size, source, licence note). */
    public List<ModelInfo> manifest() {
        return models.manifest();
    }

    /** Wall time the constructor took to load all models, in ms. */
    public double loadMillis() {
        return loadMillis;
    }

    /**
     * The shared session of a model from the manifest, created on first use (e.g. {@code "fr_liveness.onnx"} for
     * the liveness service). One session per model per engine.
     */
    public OnnxModel model(String file) {
        return sessions.computeIfAbsent(file, f -> new OnnxModel(f, models.read(f), config.inferenceThreads()));
    }

    // ------------------------------------------------------------------ lower-level steps

    /** Safe decoding (limits before pixels); the caller closes the image. */
    public SafeImageDecoder.Decoded decode(byte[] data) {
        return decoder.decodeWithHeader(data);
    }

    /** Header only, no pixels. */
    public ImageHeader probe(byte[] data) {
        return decoder.probe(data);
    }

    /** Detector boxes and scores after NMS (best score first). */
    public List<FaceCandidate> detectCandidates(FaceImage image) {
        return detector.detect(image);
    }

    /** Every face with landmarks, main face (highest prominence, {@link MainFaceRule}) first; empty if none. */
    public List<DetectedFace> detectFaces(FaceImage image) {
        return rankFaces(image, detector.detect(image));
    }

    private List<DetectedFace> rankFaces(FaceImage image, List<FaceCandidate> candidates) {
        double largest = candidates.stream().mapToDouble(c -> c.box().area()).max().orElse(0);
        List<FaceCandidate> ranked = new ArrayList<>(candidates);
        ranked.sort(Comparator.comparingDouble((FaceCandidate c) ->
                MainFaceRule.prominence(c, largest, image.width(), image.height())).reversed());
        List<DetectedFace> faces = new ArrayList<>();
        for (FaceCandidate c : ranked.subList(0, Math.min(ranked.size(), config.maxFaces()))) {
            Landmarks68 lm = landmarks(image, c.box());
            faces.add(new DetectedFace(c.box(), c.score(), lm, lm.alignmentPoints(),
                    MainFaceRule.prominence(c, largest, image.width(), image.height())));
        }
        return faces;
    }

    /**
     * The 68 landmarks of a detected face. With {@code landmarkRefinement} (default): a square box around the
     * detector box, then the same square re-centred on the mean of the first landmarks — the landmark model was
     * measured to do better on a face centred in a square crop than on the detector's taller, offset box.
     */
    public Landmarks68 landmarks(FaceImage image, com.facetrust.domain.face.BoundingBox box) {
        if (!config.landmarkRefinement()) {
            return landmarker.locate(image, box);
        }
        double side = Math.max(box.width(), box.height());
        com.facetrust.domain.face.Point2 c = box.centre();
        Landmarks68 first = landmarker.locate(image, squareAround(c.x(), c.y(), side));
        double mx = 0, my = 0;
        for (com.facetrust.domain.face.Point2 p : first.points()) {
            mx += p.x();
            my += p.y();
        }
        return landmarker.locate(image, squareAround(mx / 68, my / 68, side));
    }

    private static com.facetrust.domain.face.BoundingBox squareAround(double cx, double cy, double side) {
        return new com.facetrust.domain.face.BoundingBox(cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2);
    }

    /** The 112×112 aligned face; the caller closes it. */
    public OpenCvImage align(FaceImage image, AlignmentPoints points) {
        return (OpenCvImage) aligner.align(image, points);
    }

    /** Template of an aligned face. */
    public Embedding embedAligned(FaceImage alignedFace) {
        return embedder.embed(alignedFace);
    }

    public HeadPose estimatePose(FaceImage image, DetectedFace face) {
        return poseEstimator.estimate(image, face.box());
    }

    public EyeState classifyEyes(FaceImage image, DetectedFace face) {
        return eyeClassifier.classify(image, face.landmarks());
    }

    // ------------------------------------------------------------------ the whole pipeline

    /**
     * Decodes and analyses an image. Throws {@link FaceTrustException} with IMAGE_* for unusable data, NO_FACE when
     * no face is found, MULTIPLE_FACES when {@code rejectAmbiguousFaces} is set and another face competes with the
     * main one. Quality failures do NOT throw: they are in {@link FaceAnalysis#quality()} (call
     * {@link FaceAnalysis#requireAcceptableQuality()} to refuse them).
     */
    public FaceAnalysis analyze(byte[] imageData, AnalysisOptions options) {
        acquire();
        try {
            Map<String, Double> t = new LinkedHashMap<>();
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            SafeImageDecoder.Decoded decoded = decoder.decodeWithHeader(imageData);
            t.put("decode", ms(start));
            try (OpenCvImage image = decoded.image()) {
                FaceAnalysis a = analyzeDecoded(decoded.header(), image, options, t, start);
                if (cpuStart >= 0) {
                    // CPU time of this thread: with one inference thread ONNX Runtime computes on the caller,
                    // so this is the work per image whatever other load the machine carries
                    Map<String, Double> withCpu = new LinkedHashMap<>(a.stageMillis());
                    withCpu.put("total_cpu", (cpuNanos() - cpuStart) / 1e6);
                    return new FaceAnalysis(a.image(), a.mainFace(), a.otherFaces(), a.quality(), a.embedding(),
                            a.pose(), a.eyes(), withCpu);
                }
                return a;
            }
        } finally {
            permits.release();
        }
    }

    /** Analyses an already decoded image (e.g. a video frame); the caller keeps and closes the image. */
    public FaceAnalysis analyze(FaceImage image, AnalysisOptions options) {
        acquire();
        try {
            ImageHeader header = new ImageHeader(null, image.width(), image.height(), 1);
            return analyzeDecoded(header, image, options, new LinkedHashMap<>(), System.nanoTime());
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceTrustException(FailureCode.TIMEOUT, "interrupted while waiting for the face engine");
        }
    }

    private FaceAnalysis analyzeDecoded(ImageHeader header, FaceImage image, AnalysisOptions options,
                                        Map<String, Double> t, long start) {
        try {
            return pipeline(header, image, options, t, start);
        } catch (org.opencv.core.CvException | IllegalArgumentException e) {
            // an image that passed decoding but trips an image operation is the input's fault, not a server
            // fault: a coded 422 rather than a 500
            throw new FaceTrustException(FailureCode.FEATURE_EXTRACTION_FAILED,
                    "the face could not be processed", List.of(), e);
        }
    }

    private FaceAnalysis pipeline(ImageHeader header, FaceImage image, AnalysisOptions options,
                                  Map<String, Double> t, long start) {
        long s = System.nanoTime();
        List<FaceCandidate> candidates = detector.detect(image);
        t.put("detect", ms(s));
        if (candidates.isEmpty()) {
            throw new FaceTrustException(FailureCode.NO_FACE, "no face found in the image");
        }
        s = System.nanoTime();
        List<DetectedFace> faces = rankFaces(image, candidates);
        t.put("landmarks", ms(s));
        DetectedFace main = faces.get(0);
        List<DetectedFace> others = faces.subList(1, faces.size());
        if (options.rejectAmbiguousFaces() && !others.isEmpty()
                && others.get(0).prominence() > options.profile().maxCompetingFaceRatio() * main.prominence()) {
            throw new FaceTrustException(FailureCode.MULTIPLE_FACES, faces.size()
                    + " faces of similar prominence; cannot pick one", List.of("several_faces"));
        }
        s = System.nanoTime();
        try (OpenCvImage aligned = align(image, main.alignmentPoints())) {
            t.put("align", ms(s));
            s = System.nanoTime();
            HeadPose pose = poseEstimator.estimate(image, main.box());
            t.put("pose", ms(s));
            s = System.nanoTime();
            EyeState eyes = eyeClassifier.classify(image, main.landmarks());
            t.put("eyes", ms(s));
            s = System.nanoTime();
            QualityReport quality = qualityAssessor.assess(new QualityEvidence(image, aligned, main, others, pose,
                    eyes, aligner.alignmentResidual(main.alignmentPoints())), options.profile());
            t.put("quality", ms(s));
            Embedding embedding = null;
            if (options.computeEmbedding()) {
                s = System.nanoTime();
                embedding = embedder.embed(aligned);
                t.put("embed", ms(s));
            }
            t.put("total", ms(start));
            return new FaceAnalysis(header, main, others, quality, embedding, pose, eyes, t);
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    @Override
    public void close() {
        sessions.values().forEach(OnnxModel::close);
        sessions.clear();
    }
}
