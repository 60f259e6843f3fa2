package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.liveness.FaceObservation;
import com.facetrust.domain.liveness.FaceTrack;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.domain.liveness.LivenessCue;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Passive multi-frame check (A-5.5.2 a): from a short burst, the signals a flat or replayed face lacks, fused with
 * the single-frame model.
 *
 * <p><b>Fusion rule</b> (documented in docs/performance.md): every cue in use must pass — the weakest cue decides.
 * Each cue is mapped to [0, 1] with 0.5 exactly at its threshold (probabilities through the logit difference,
 * motion as x/(x+t), SNR through a logistic of 3 dB scale), and the burst's score is the minimum of those; hence
 * "score ≥ 0.5" ⇔ "all cues pass", and the same score feeds the DET curves. Cues:
 * <ul>
 *   <li>{@code passive.burstScore}: the upper quartile ({@code passiveQuantile}) over sampled frames of the
 *   single-frame model's live probability (per frame the lowest among the faces in it). The upper quartile, not
 *   the median, because the model's measured failure is rejecting blurred or turned live frames (webcam clip
 *   zubair-real: median 0.10, upper quartile 0.51) while attack frames stay low throughout (replay zubair-fake:
 *   90th percentile 0.002);</li>
 *   <li>{@code motion.nonRigid}: landmark shape change beyond a similarity transform (catches still and hand-held
 *   photos; a replayed video of a live person has it too);</li>
 *   <li>{@code motion.overall}: any motion at all (catches an injected still image);</li>
 *   <li>{@code pulse.snrDb}: rPPG pulse SNR, always measured and reported but by default NOT part of the verdict
 *   ({@code usePulse=false}): on the clips it did not separate live (−0.8 … −9.3 dB) from the phone replay
 *   (−1.5 dB); it does separate a still image (no signal at all), which the motion cues already catch. When
 *   enabled it is used only on bursts of at least {@code pulseMinSeconds} (3 s resolves the spectrum to 0.33 Hz).</li>
 * </ul>
 * Too few frames, too short a burst, or several faces in many frames make the check INCONCLUSIVE; a failed cue
 * makes it an ATTACK.
 *
 * <p>Server keys {@code facetrust.liveness.multi-frame.*} mirror the {@link Config} components.
 */
public final class MultiFrameLivenessCheck {

    /**
     * @param passiveThreshold    live probability the burst's passive score must reach (the calibrated
     *                            single-frame threshold)
     * @param passiveQuantile     which quantile of the per-frame scores is the burst's passive score
     * @param minNonRigid         non-rigid landmark motion (inter-ocular units, 90th percentile) to reach
     * @param minOverallMotion    median frame-to-frame landmark motion (inter-ocular units) to reach
     * @param minPulseSnrDb       pulse SNR to reach when the pulse cue is used
     * @param usePulse            whether the pulse cue takes part in the verdict at all
     * @param pulseMinSeconds     shortest burst on which the pulse cue is used
     * @param minFrames           fewest frames with a face
     * @param minSeconds          shortest burst
     * @param maxSeveralFacesShare largest share of frames with more than one face
     */
    public record Config(double passiveThreshold, double passiveQuantile, double minNonRigid, double minOverallMotion, double minPulseSnrDb,
                         boolean usePulse, double pulseMinSeconds, int minFrames, double minSeconds,
                         double maxSeveralFacesShare) {
        public static Config defaults() {
            return new Config(PassiveFrameCheck.Config.defaults().threshold(), 0.75, 0.01, 0.001, -3, false, 5, 10, 1.0,
                    0.2);
        }

        public Config withPassiveThreshold(double t) {
            return new Config(t, passiveQuantile, minNonRigid, minOverallMotion, minPulseSnrDb, usePulse, pulseMinSeconds, minFrames,
                    minSeconds, maxSeveralFacesShare);
        }
    }

    private final Config config;

    public MultiFrameLivenessCheck(Config config) {
        this.config = config;
    }

    public LivenessJudgement judge(FaceTrack track) {
        List<FaceObservation> obs = track.observations();
        if (obs.size() < config.minFrames() || track.durationSeconds() < config.minSeconds()) {
            return LivenessJudgement.inconclusive(LivenessCheckKind.PASSIVE_MULTI_FRAME, "track.tooShort");
        }
        List<LivenessCue> cues = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        double severalShare = track.framesSubmitted() == 0 ? 0
                : (double) track.framesWithSeveralFaces() / track.framesSubmitted();
        LivenessCue several = new LivenessCue("track.severalFacesShare", severalShare, config.maxSeveralFacesShare(),
                false);
        cues.add(several);

        double score = 1;
        double[] passive = obs.stream().mapToDouble(FaceObservation::passiveScore).filter(d -> !Double.isNaN(d))
                .toArray();
        if (passive.length > 0) {
            double burst = ActionDetector.percentile(passive, config.passiveQuantile());
            LivenessCue c = new LivenessCue("passive.burstScore", burst, config.passiveThreshold(), true);
            cues.add(c);
            score = Math.min(score, PassiveFrameCheck.normalise(burst, config.passiveThreshold()));
            if (!c.passed()) {
                reasons.add("passive.attackLike");
            }
        } else {
            reasons.add("passive.notSampled");
        }

        LandmarkMotionMeter.Motion motion = LandmarkMotionMeter.measure(obs);
        LivenessCue nonRigid = new LivenessCue("motion.nonRigid", motion.nonRigid(), config.minNonRigid(), true);
        LivenessCue overall = new LivenessCue("motion.overall", motion.overall(), config.minOverallMotion(), true);
        cues.add(nonRigid);
        cues.add(overall);
        score = Math.min(score, ratio(motion.nonRigid(), config.minNonRigid()));
        score = Math.min(score, ratio(motion.overall(), config.minOverallMotion()));
        if (!nonRigid.passed()) {
            reasons.add("motion.rigidOrStill");
        }
        if (!overall.passed()) {
            reasons.add("motion.none");
        }

        PulseSignalEstimator.Pulse pulse = PulseSignalEstimator.estimate(obs);
        boolean pulseUsed = config.usePulse() && pulse.seconds() >= config.pulseMinSeconds();
        // Measurements that do not take part in the verdict are named "info.*" so no reader mistakes them for one.
        String prefix = pulseUsed ? "" : "info.";
        LivenessCue pulseCue = new LivenessCue(prefix + "pulse.snrDb", pulse.snrDb(), config.minPulseSnrDb(), true);
        cues.add(pulseCue);
        cues.add(new LivenessCue("info.pulse.peakHz", pulse.peakHz(), PulseSignalEstimator.LOW_HZ, true));
        if (pulseUsed) {
            score = Math.min(score, 1 / (1 + Math.exp(-(pulse.snrDb() - config.minPulseSnrDb()) / 3)));
            if (!pulseCue.passed()) {
                reasons.add("pulse.absent");
            }
        }

        LivenessVerdict verdict;
        if (passive.length == 0) {
            verdict = LivenessVerdict.INCONCLUSIVE;
        } else if (!reasons.isEmpty()) {
            verdict = LivenessVerdict.ATTACK;
        } else if (!several.passed()) {
            verdict = LivenessVerdict.INCONCLUSIVE;
            reasons.add("track.severalFaces");
        } else {
            verdict = LivenessVerdict.LIVE;
        }
        return new LivenessJudgement(LivenessCheckKind.PASSIVE_MULTI_FRAME, verdict, score, cues, reasons);
    }

    private static double ratio(double x, double threshold) {
        return x <= 0 ? 0 : x / (x + threshold);
    }
}
