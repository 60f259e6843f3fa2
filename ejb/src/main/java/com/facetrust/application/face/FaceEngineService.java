package com.facetrust.application.face;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.infrastructure.face.EngineConfig;
import com.facetrust.infrastructure.face.FaceEngine;
import com.facetrust.infrastructure.face.ModelInfo;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads the face models once per server at start-up and logs their manifest (file, SHA-256, source, licence note).
 * Bean-managed concurrency: the engine is thread-safe and bounds its own parallelism, so the container must not
 * serialise calls.
 *
 * <p>A failed load does not fail the deployment: the rest of FaceTrust (administration, audit, non-face login)
 * keeps working, the failure is logged as an alarm, and every face operation answers ENGINE_UNAVAILABLE (503).
 *
 * <p>Configuration (MicroProfile Config; defaults in brackets, see {@link EngineConfig}):
 * {@code facetrust.engine.max-image-bytes} [10485760], {@code .max-image-width} [8192], {@code .max-image-height}
 * [8192], {@code .max-megapixels} [16], {@code .min-image-side} [32], {@code .detection-threshold} [0.7],
 * {@code .nms-iou} [0.3], {@code .min-face-size} [12], {@code .max-faces} [10], {@code .inference-threads} [min(2, processors)],
 * {@code .max-concurrent-analyses} [0 = number of processors], {@code .flip-fusion} [false],
 * {@code .verify-model-hashes} [true], {@code .landmark-refinement} [true].
 */
@Singleton(name = FaceEngineService.NAME)
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class FaceEngineService {
    public static final String NAME = "FaceEngineService";
    private static final Logger LOG = Logger.getLogger(FaceEngineService.class.getName());

    @Inject
    Config config;

    private volatile FaceEngine engine;
    private volatile String failure;

    @PostConstruct
    void load() {
        try {
            EngineConfig c = engineConfig(config);
            FaceEngine e = FaceEngine.fromClasspathModels(c);
            for (ModelInfo m : e.manifest()) {
                LOG.info(() -> String.format("Face model %s sha256=%s size=%d source=%s licence=%s — %s",
                        m.file(), m.sha256(), m.size(), m.source(), m.declaredLicence(), m.licenceNote()));
            }
            LOG.info(() -> String.format("Face engine ready in %.0f ms (%d models in manifest)", e.loadMillis(),
                    e.manifest().size()));
            engine = e;
        } catch (RuntimeException | LinkageError e) {
            failure = e.toString();
            LOG.log(Level.SEVERE, "ALARM face engine unavailable: models could not be loaded", e);
        }
    }

    static EngineConfig engineConfig(Config config) {
        EngineConfig d = EngineConfig.defaults();
        int concurrent = config.getOptionalValue("facetrust.engine.max-concurrent-analyses", Integer.class).orElse(0);
        return new EngineConfig(
                config.getOptionalValue("facetrust.engine.max-image-bytes", Long.class).orElse(d.maxImageBytes()),
                config.getOptionalValue("facetrust.engine.max-image-width", Integer.class).orElse(d.maxImageWidth()),
                config.getOptionalValue("facetrust.engine.max-image-height", Integer.class).orElse(d.maxImageHeight()),
                config.getOptionalValue("facetrust.engine.max-megapixels", Double.class).orElse(d.maxMegapixels()),
                config.getOptionalValue("facetrust.engine.min-image-side", Integer.class).orElse(d.minImageSide()),
                config.getOptionalValue("facetrust.engine.detection-threshold", Double.class)
                        .orElse(d.detectionThreshold()),
                config.getOptionalValue("facetrust.engine.nms-iou", Double.class).orElse(d.nmsIou()),
                config.getOptionalValue("facetrust.engine.min-face-size", Double.class).orElse(d.minFaceSize()),
                config.getOptionalValue("facetrust.engine.max-faces", Integer.class).orElse(d.maxFaces()),
                config.getOptionalValue("facetrust.engine.inference-threads", Integer.class)
                        .orElse(d.inferenceThreads()),
                concurrent > 0 ? concurrent : d.maxConcurrentAnalyses(),
                config.getOptionalValue("facetrust.engine.flip-fusion", Boolean.class).orElse(d.flipFusion()),
                config.getOptionalValue("facetrust.engine.verify-model-hashes", Boolean.class)
                        .orElse(d.verifyModelHashes()),
                config.getOptionalValue("facetrust.engine.landmark-refinement", Boolean.class)
                        .orElse(d.landmarkRefinement()));
    }

    /** The shared engine; ENGINE_UNAVAILABLE (503) when the models did not load. */
    public FaceEngine engine() {
        FaceEngine e = engine;
        if (e == null) {
            throw new FaceTrustException(FailureCode.ENGINE_UNAVAILABLE,
                    "the recognition models are not loaded" + (failure != null ? " (" + failure + ")" : ""));
        }
        return e;
    }

    public boolean isAvailable() {
        return engine != null;
    }

    /** The loaded models' manifest (empty when not loaded). */
    public List<ModelInfo> manifest() {
        FaceEngine e = engine;
        return e == null ? List.of() : e.manifest();
    }

    /** How long loading took, in ms (NaN when not loaded). */
    public double loadMillis() {
        FaceEngine e = engine;
        return e == null ? Double.NaN : e.loadMillis();
    }

    @PreDestroy
    void close() {
        FaceEngine e = engine;
        engine = null;
        if (e != null) {
            e.close();
        }
    }
}
