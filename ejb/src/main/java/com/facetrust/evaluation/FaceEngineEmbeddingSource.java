package com.facetrust.evaluation;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.face.QualityCheck;
import com.facetrust.domain.face.QualityProfile;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.infrastructure.face.EngineConfig;
import com.facetrust.infrastructure.face.FaceEngine;
import com.facetrust.infrastructure.face.ModelInfo;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The real face engine ({@link FaceEngine#analyze}) as an {@link EmbeddingSource}: main face → 512-d embedding,
 * quality checks of the chosen profile, and the coded failure when there is no face or the image is unusable.
 */
public final class FaceEngineEmbeddingSource implements EmbeddingSource {

    /** Engine classes whose code changes embeddings: their bytes are part of the cache key. */
    private static final List<String> EMBEDDING_CODE = List.of("FaceEngine", "SimilarityAligner",
            "OnnxFaceEmbedder", "UltraFaceDetector", "OnnxLandmarker", "PixelTensors", "SafeImageDecoder", "Crops",
            "ImageQualityAssessor");

    private final FaceEngine engine;
    private final AnalysisOptions options;
    private final String version;

    private FaceEngineEmbeddingSource(FaceEngine engine, AnalysisOptions options, String version) {
        this.engine = engine;
        this.options = options;
        this.version = version;
    }

    /**
     * Loads the models from the class path.
     *
     * @param config         engine settings (flip fusion etc.)
     * @param qualityProfile "enrolment" (default for failure-to-enrol figures), "verification" or "capture"
     */
    public static FaceEngineEmbeddingSource load(EngineConfig config, String qualityProfile) {
        FaceEngine engine = FaceEngine.fromClasspathModels(config);
        AnalysisOptions options = new AnalysisOptions(QualityProfile.named(qualityProfile), true, false);
        StringBuilder v = new StringBuilder("facetrust-engine");
        for (ModelInfo m : engine.manifest()) {
            v.append(' ').append(m.file()).append('=').append(m.sha256(), 0, 12);
        }
        // every engine setting is part of the key (a record's toString lists them all), so toggling one never
        // reuses embeddings made without it
        v.append(' ').append(config)
                .append(" profile=").append(qualityProfile)
                .append(" code=").append(codeDigest());
        return new FaceEngineEmbeddingSource(engine, options, v.toString());
    }

    public FaceEngine engine() {
        return engine;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public ImageOutcome process(byte[] image) {
        long start = System.nanoTime();
        try {
            FaceAnalysis a = engine.analyze(image, options);
            double ms = (System.nanoTime() - start) / 1e6;
            Map<String, Double> measures = new HashMap<>();
            for (QualityCheck c : a.quality().checks()) {
                measures.put(c.name(), c.measured());
            }
            measures.put("detection_score", a.mainFace().score());
            measures.put("faces", (double) a.faceCount());
            return new ImageOutcome(a.embedding().values(), null, a.quality().failedReasons(), measures, ms);
        } catch (FaceTrustException e) {
            return ImageOutcome.failed(e.failureCode().name(), e.reasons(), (System.nanoTime() - start) / 1e6);
        }
    }

    @Override
    public void close() {
        engine.close();
    }

    /** Short digest of the engine classes that shape embeddings, so a code change invalidates cached ones. */
    static String codeDigest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String name : EMBEDDING_CODE) {
                try (InputStream in = FaceEngine.class.getResourceAsStream(name + ".class")) {
                    if (in != null) {
                        md.update(in.readAllBytes());
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest(), 0, 6);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unknown";
        }
    }
}
