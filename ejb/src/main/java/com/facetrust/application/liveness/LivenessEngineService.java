package com.facetrust.application.liveness;

import com.facetrust.application.face.FaceEngineService;
import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.DetectedFace;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.PresentationAttackDetector;
import com.facetrust.infrastructure.face.FaceEngine;
import com.facetrust.infrastructure.face.OpenCvImage;
import com.facetrust.infrastructure.liveness.ActiveChallengeConfig;
import com.facetrust.infrastructure.liveness.DepthPlanarityCheck;
import com.facetrust.domain.liveness.ChallengeStore;
import com.facetrust.infrastructure.liveness.InMemoryChallengeStore;
import com.facetrust.infrastructure.liveness.LightResponseCheck;
import com.facetrust.infrastructure.liveness.LivenessEngine;
import com.facetrust.infrastructure.liveness.LivenessFrameAnalyzer;
import com.facetrust.infrastructure.liveness.MultiFrameLivenessCheck;
import com.facetrust.infrastructure.liveness.PassiveFrameCheck;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's one {@link LivenessEngine} (issue 6): built at start-up on the face engine that
 * {@link FaceEngineService} already loaded — the same detector, landmark, pose and embedding sessions, and the
 * liveness model's session from the same models jar (nothing is loaded twice) — with the server's one
 * challenge store, so a challenge issued by one request is redeemed by another (single use, A-4 b).
 *
 * <p><b>Where challenges live</b> ({@code facetrust.liveness.challenge.store}): {@code memory} (default) — this JVM's
 * {@link InMemoryChallengeStore}, the fastest; a cluster must then route a client's challenge and its submission to
 * the same node (sticky sessions), else the submission is refused as CHALLENGE_UNKNOWN (FT-6003), and a restart
 * forgets open challenges (they live 30 s by default). {@code database} — {@link DatabaseChallengeStore}, rows of
 * the identity store shared by every node, single use across nodes.
 *
 * <p>The frames of a burst or challenge are analysed in parallel on the server's managed executor, at most
 * {@code facetrust.liveness.frame-threads} at once (docs/performance.md, "Speed").
 *
 * <p>Configuration (MicroProfile Config; defaults in brackets):
 * {@code facetrust.liveness.passive.threshold} [0.2245, calibrated on nuaa-dev];
 * {@code facetrust.liveness.multi-frame.*}, {@code .active.*}, {@code .light.*}, {@code .depth.*},
 * {@code .analyzer.*} — one key per component of {@link MultiFrameLivenessCheck.Config},
 * {@link ActiveChallengeConfig}, {@link LightResponseCheck.Config}, {@link DepthPlanarityCheck.Config},
 * {@link LivenessFrameAnalyzer.Config}, in kebab case (e.g. {@code facetrust.liveness.active.turn-degrees} [15],
 * {@code facetrust.liveness.analyzer.max-fps} [15], {@code facetrust.liveness.analyzer.detect-every} [2],
 * {@code facetrust.liveness.depth.min-residual-millimetres} [3.0]);
 * {@code facetrust.liveness.max-frames} [300] per request;
 * {@code facetrust.liveness.challenge.lifetime} [PT30S], {@code .challenge.capacity} [10000],
 * {@code .challenge.colour-step} [PT0.5S]; {@code .challenge.store} [memory | database]; {@code facetrust.liveness.frame-threads} [number of processors, at most 4].
 *
 * <p>A face engine that failed to load leaves this bean without an engine; every liveness call then answers
 * ENGINE_UNAVAILABLE (503), like the face operations.
 */
@Singleton(name = LivenessEngineService.NAME)
@Startup
@DependsOn(FaceEngineService.NAME)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LivenessEngineService {
    public static final String NAME = "LivenessEngineService";
    private static final Logger LOG = Logger.getLogger(LivenessEngineService.class.getName());

    @EJB
    FaceEngineService faceEngineService;

    @Inject
    Config config;

    @Resource
    ManagedExecutorService executor;

    @EJB
    DatabaseChallengeStore databaseChallenges;

    private volatile LivenessEngine engine;
    private volatile FaceEngine faceEngine;
    private volatile String failure;

    @PostConstruct
    void start() {
        if (!faceEngineService.isAvailable()) {
            failure = "the face engine is not loaded";
            LOG.severe("ALARM liveness engine unavailable: the face engine is not loaded");
            return;
        }
        try {
            FaceEngine face = faceEngineService.engine();
            LivenessEngine.Config settings = settings(config);
            String where = config.getOptionalValue("facetrust.liveness.challenge.store", String.class)
                    .orElse("memory").strip().toLowerCase(java.util.Locale.ROOT);
            ChallengeStore store = switch (where) {
                case "memory" -> new InMemoryChallengeStore(challengeSettings(config));
                case "database" -> databaseChallenges;
                default -> throw new IllegalArgumentException("facetrust.liveness.challenge.store must be memory or "
                        + "database, not " + where);
            };
            int threads = config.getOptionalValue("facetrust.liveness.frame-threads", Integer.class)
                    .orElse(Math.min(4, Runtime.getRuntime().availableProcessors()));
            long start = System.nanoTime();
            engine = new LivenessEngine(face, store, settings,
                    threads <= 1 ? null : new BoundedExecutor(executor, threads));
            faceEngine = face;
            LOG.info(() -> String.format("Liveness engine ready in %.0f ms (passive threshold %.3f, %d frame "
                            + "threads, challenges in %s)",
                    (System.nanoTime() - start) / 1e6, settings.passive().threshold(), threads,
                    where.equals("memory") ? "this server's memory" : "the identity database"));
        } catch (RuntimeException | LinkageError e) {
            failure = e.toString();
            LOG.log(Level.SEVERE, "ALARM liveness engine unavailable", e);
        }
    }

    static LivenessEngine.Config settings(Config config) {
        LivenessEngine.Config d = LivenessEngine.Config.defaults();
        PassiveFrameCheck.Config passive = RecordSettings.read(config, "facetrust.liveness.passive", d.passive());
        // The burst's passive cue uses the same calibrated threshold unless it is set on its own.
        MultiFrameLivenessCheck.Config multi = RecordSettings.read(config, "facetrust.liveness.multi-frame",
                d.multiFrame().withPassiveThreshold(passive.threshold()));
        return new LivenessEngine.Config(passive, multi,
                RecordSettings.read(config, "facetrust.liveness.active", d.active()),
                RecordSettings.read(config, "facetrust.liveness.light", d.light()),
                RecordSettings.read(config, "facetrust.liveness.depth", d.depth()),
                RecordSettings.read(config, "facetrust.liveness.analyzer", d.analyzer()),
                config.getOptionalValue("facetrust.liveness.max-frames", Integer.class).orElse(d.maxFrames()));
    }

    static InMemoryChallengeStore.Config challengeSettings(Config config) {
        return RecordSettings.read(config, "facetrust.liveness.challenge", InMemoryChallengeStore.Config.defaults());
    }

    /** The shared detector; ENGINE_UNAVAILABLE (503) when the models did not load. */
    public PresentationAttackDetector detector() {
        LivenessEngine e = engine;
        if (e == null) {
            throw new FaceTrustException(FailureCode.ENGINE_UNAVAILABLE,
                    "the liveness engine is not available" + (failure != null ? " (" + failure + ")" : ""));
        }
        return e;
    }

    public boolean isAvailable() {
        return engine != null;
    }

    /** The main face's box in an encoded image, for the depth check; NO_FACE when there is none. */
    public BoundingBox mainFaceBox(byte[] image) {
        detector(); // ENGINE_UNAVAILABLE first
        try (OpenCvImage img = faceEngine.decode(image).image()) {
            List<DetectedFace> faces = faceEngine.detectFaces(img);
            if (faces.isEmpty()) {
                throw new FaceTrustException(FailureCode.NO_FACE, "no face found in the first frame");
            }
            return faces.get(0).box();
        }
    }
}
