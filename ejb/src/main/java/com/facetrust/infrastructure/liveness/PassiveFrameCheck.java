package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.face.DetectedFace;
import com.facetrust.domain.face.FaceImage;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.domain.liveness.LivenessCue;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import java.util.List;

/**
 * Single-frame passive check: the liveness model's live probability (crop and mirror fused) against the calibrated
 * threshold.
 *
 * <p>Server key {@code facetrust.liveness.passive.threshold}; the default is the value calibrated on nuaa-dev
 * (all nine subjects) by the documented rule of {@code PadThresholdRule.toleranceThreshold}: the midpoint, in logit
 * space, of the 95 % tolerance bounds of the attacks' 99.9th and the live scores' 0.1st percentile.
 * Leave-one-subject-out, the same rule gave APCER 0/583 and BPCER 4/581 on held-out subjects (D-7.3, A-6.5;
 * docs/performance.md).
 */
public final class PassiveFrameCheck {

    public record Config(double threshold) {
        /** Calibrated on nuaa-dev (581 live / 583 print frames, 9 subjects); see docs/performance.md. */
        public static final double CALIBRATED_THRESHOLD = 0.2245;

        public static Config defaults() {
            return new Config(CALIBRATED_THRESHOLD);
        }
    }

    private final PassiveLivenessModel model;
    private final Config config;

    public PassiveFrameCheck(PassiveLivenessModel model, Config config) {
        this.model = model;
        this.config = config;
    }

    public LivenessJudgement judge(FaceImage image, DetectedFace face) {
        double p = model.liveProbability(image, face.box(), config.threshold());
        return judgeScore(p);
    }

    LivenessJudgement judgeScore(double p) {
        LivenessCue cue = new LivenessCue("passive.liveProbability", p, config.threshold(), true);
        boolean live = cue.passed();
        return new LivenessJudgement(LivenessCheckKind.PASSIVE_FRAME,
                live ? LivenessVerdict.LIVE : LivenessVerdict.ATTACK, normalise(p, config.threshold()), List.of(cue),
                live ? List.of() : List.of("passive.attackLike"));
    }

    /** Maps a probability to [0,1] with 0.5 exactly at the threshold: sigmoid(logit(p) − logit(threshold)). */
    static double normalise(double p, double threshold) {
        return LogOdds.probability(LogOdds.of(p) - LogOdds.of(threshold));
    }
}
