package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.DetectedFace;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.ChallengeStore;
import com.facetrust.domain.liveness.DepthMap;
import com.facetrust.domain.liveness.FaceTrack;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.domain.liveness.LivenessCue;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import com.facetrust.domain.liveness.PresentationAttackDetector;
import com.facetrust.infrastructure.face.FaceEngine;
import com.facetrust.infrastructure.face.OpenCvImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Plain-Java implementation of {@link PresentationAttackDetector} on the face engine; the server wraps one instance
 * in a singleton bean (config from MicroProfile Config onto the records below, executor = a managed executor).
 *
 * <p>A challenge's verdict combines the challenge's own check with the multi-frame check on the same frames: the
 * worse verdict wins (ATTACK over INCONCLUSIVE over LIVE), and the cues and reasons of both are kept.
 */
public final class LivenessEngine implements PresentationAttackDetector {

    /** Everything the liveness checks are configured with. */
    public record Config(PassiveFrameCheck.Config passive, MultiFrameLivenessCheck.Config multiFrame,
                         ActiveChallengeConfig active, LightResponseCheck.Config light,
                         DepthPlanarityCheck.Config depth, LivenessFrameAnalyzer.Config analyzer,
                         int maxFrames) {
        public static Config defaults() {
            return new Config(PassiveFrameCheck.Config.defaults(), MultiFrameLivenessCheck.Config.defaults(),
                    ActiveChallengeConfig.defaults(), LightResponseCheck.Config.defaults(),
                    DepthPlanarityCheck.Config.defaults(), LivenessFrameAnalyzer.Config.defaults(), 300);
        }
    }

    private final FaceEngine engine;
    private final ChallengeStore challenges;
    private final Config config;
    private final PassiveFrameCheck passive;
    private final LivenessFrameAnalyzer analyzer;
    private final MultiFrameLivenessCheck multiFrame;
    private final ActiveChallengeJudge activeJudge;
    private final LightResponseCheck light;
    private final DepthPlanarityCheck depth;

    public LivenessEngine(FaceEngine engine, ChallengeStore challenges, Config config, Executor executor) {
        this.engine = engine;
        this.challenges = challenges;
        this.config = config;
        PassiveLivenessModel model = new PassiveLivenessModel(engine.model(PassiveLivenessModel.MODEL_FILE));
        this.passive = new PassiveFrameCheck(model, config.passive());
        this.analyzer = new LivenessFrameAnalyzer(engine, model, config.analyzer(), executor);
        this.multiFrame = new MultiFrameLivenessCheck(config.multiFrame());
        this.activeJudge = new ActiveChallengeJudge(config.active());
        this.light = new LightResponseCheck(config.light());
        this.depth = new DepthPlanarityCheck(config.depth());
    }

    @Override
    public LivenessJudgement judgeImage(byte[] image) {
        try (OpenCvImage img = engine.decode(image).image()) {
            List<DetectedFace> faces = engine.detectFaces(img);
            if (faces.isEmpty()) {
                throw new FaceTrustException(FailureCode.NO_FACE, "no face found in the image");
            }
            return passive.judge(img, faces.get(0));
        }
    }

    @Override
    public LivenessJudgement judgeBurst(List<byte[]> frames, long[] timestampsMillis) {
        return multiFrame.judge(track(frames, timestampsMillis));
    }

    @Override
    public LivenessChallenge issueActiveChallenge(int actionCount, Instant now) {
        return challenges.issueActive(actionCount, now);
    }

    @Override
    public LivenessChallenge issueLightChallenge(int colourCount, Instant now) {
        return challenges.issueLight(colourCount, now);
    }

    @Override
    public LivenessJudgement judgeChallenge(String nonce, List<byte[]> frames, long[] timestampsMillis,
                                            Instant receivedAt) {
        // Redeem first: a replayed or expired nonce is refused before any frame is decoded.
        LivenessChallenge challenge = challenges.redeem(nonce, receivedAt);
        FaceTrack track = track(frames, timestampsMillis);
        LivenessJudgement own = challenge.kind() == LivenessCheckKind.LIGHT_RESPONSE
                ? light.judge(challenge, track) : activeJudge.judge(challenge, track);
        return combine(own, multiFrame.judge(track));
    }

    @Override
    public LivenessJudgement judgeDepth(DepthMap map, BoundingBox face) {
        try {
            return depth.judge(map, face);
        } catch (IllegalArgumentException e) {
            return LivenessJudgement.inconclusive(LivenessCheckKind.DEPTH, "depth.degenerate");
        }
    }

    private FaceTrack track(List<byte[]> frames, long[] timestampsMillis) {
        if (frames == null || frames.isEmpty()) {
            throw new FaceTrustException(FailureCode.IMAGE_MISSING, "no frames were supplied");
        }
        if (frames.size() > config.maxFrames()) {
            throw new FaceTrustException(FailureCode.REQUEST_TOO_LARGE,
                    frames.size() + " frames exceed the limit of " + config.maxFrames());
        }
        if (timestampsMillis == null || timestampsMillis.length != frames.size()) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "one timestamp per frame is required");
        }
        for (int i = 1; i < timestampsMillis.length; i++) {
            if (timestampsMillis[i] <= timestampsMillis[i - 1]) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "frame timestamps must increase");
            }
        }
        return analyzer.analyzeEncoded(frames, timestampsMillis);
    }

    /** The worse verdict wins; the score is the lower one; cues and reasons of both are kept. */
    static LivenessJudgement combine(LivenessJudgement challenge, LivenessJudgement burst) {
        LivenessVerdict v = rank(challenge.verdict()) >= rank(burst.verdict()) ? challenge.verdict() : burst.verdict();
        List<LivenessCue> cues = new ArrayList<>(challenge.cues());
        cues.addAll(burst.cues());
        List<String> reasons = new ArrayList<>(challenge.reasons());
        reasons.addAll(burst.reasons());
        return new LivenessJudgement(challenge.kind(), v, Math.min(challenge.score(), burst.score()), cues, reasons);
    }

    private static int rank(LivenessVerdict v) {
        return switch (v) {
            case LIVE -> 0;
            case INCONCLUSIVE -> 1;
            case ATTACK -> 2;
        };
    }
}
