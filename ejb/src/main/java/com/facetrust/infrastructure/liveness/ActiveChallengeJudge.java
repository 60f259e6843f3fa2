package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.liveness.ChallengeAction;
import com.facetrust.domain.liveness.FaceObservation;
import com.facetrust.domain.liveness.FaceTrack;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.domain.liveness.LivenessCue;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges an active challenge from the server's own measurements: every issued action must be found in the
 * issued order (each peaking after the previous one), the capture must fit the challenge's lifetime, and one and
 * the same face must be present throughout — checked by embedding similarity of sampled frames and by the face
 * box never jumping between consecutive frames. The nonce's freshness is the {@code ChallengeStore}'s job, done
 * before this judge runs.
 *
 * <p>Verdicts: a face that changes identity or jumps is an ATTACK (someone swapped what is in front of the camera);
 * actions not seen, or too short or too long a capture, are INCONCLUSIVE (a person may simply not have followed
 * the instructions); otherwise LIVE.
 */
public final class ActiveChallengeJudge {

    private final ActiveChallengeConfig config;
    private final ActionDetector detector;

    public ActiveChallengeJudge(ActiveChallengeConfig config) {
        this.config = config;
        this.detector = new ActionDetector(config);
    }

    public LivenessJudgement judge(LivenessChallenge challenge, FaceTrack track) {
        if (challenge.kind() != LivenessCheckKind.ACTIVE_CHALLENGE) {
            throw new IllegalArgumentException("not an active challenge: " + challenge.kind());
        }
        List<FaceObservation> obs = track.observations();
        if (obs.size() < 3) {
            return LivenessJudgement.inconclusive(LivenessCheckKind.ACTIVE_CHALLENGE, "track.tooFewFrames");
        }
        List<LivenessCue> cues = new ArrayList<>();
        List<String> attackReasons = new ArrayList<>();
        List<String> otherReasons = new ArrayList<>();

        double missingShare = track.framesSubmitted() == 0 ? 1
                : (double) track.framesWithoutFace() / track.framesSubmitted();
        add(cues, otherReasons, new LivenessCue("track.missingFaceShare", missingShare, config.maxMissingShare(), false),
                "track.faceLost");

        Duration lifetime = Duration.between(challenge.issuedAt(), challenge.expiresAt());
        double allowedSeconds = Math.min(lifetime.toMillis(), config.maxDuration().toMillis()) / 1000.0;
        add(cues, otherReasons, new LivenessCue("track.durationSeconds", track.durationSeconds(), allowedSeconds, false),
                "track.longerThanChallenge");

        add(cues, attackReasons, new LivenessCue("track.maxJumpBoxWidths", maxJump(obs), config.maxJumpBoxWidths(),
                false), "face.jumped");

        double minCosine = minCosineToFirst(obs);
        if (Double.isNaN(minCosine)) {
            otherReasons.add("identity.notSampled");
        } else {
            add(cues, attackReasons, new LivenessCue("identity.minCosine", minCosine, config.sameFaceMinCosine(), true),
                    "face.changedDuringChallenge");
        }

        int cursor = 0;
        int found = 0;
        List<ChallengeAction> actions = challenge.actions();
        for (int k = 0; k < actions.size(); k++) {
            ChallengeAction action = actions.get(k);
            ActionEvent match = null;
            for (ActionEvent e : detector.detect(track, action)) {
                if (e.peakIndex() >= cursor) {
                    match = e;
                    break;
                }
            }
            String name = "action." + (k + 1) + "." + action.name();
            if (match == null) {
                cues.add(new LivenessCue(name + ".found", 0, 1, true));
                otherReasons.add("action.notObserved." + (k + 1) + "." + action.name());
            } else {
                cues.add(new LivenessCue(name + ".found", 1, 1, true));
                cues.add(new LivenessCue(name + ".magnitude", match.magnitude(), 0, true));
                cursor = match.peakIndex() + 1;
                found++;
            }
        }
        LivenessVerdict verdict = !attackReasons.isEmpty() ? LivenessVerdict.ATTACK
                : !otherReasons.isEmpty() ? LivenessVerdict.INCONCLUSIVE : LivenessVerdict.LIVE;
        List<String> reasons = new ArrayList<>(attackReasons);
        reasons.addAll(otherReasons);
        double score = verdict == LivenessVerdict.ATTACK ? 0 : (double) found / actions.size();
        return new LivenessJudgement(LivenessCheckKind.ACTIVE_CHALLENGE, verdict, score, cues, reasons);
    }

    private static void add(List<LivenessCue> cues, List<String> reasons, LivenessCue cue, String reasonIfFailed) {
        cues.add(cue);
        if (!cue.passed()) {
            reasons.add(reasonIfFailed);
        }
    }

    /** Largest move of the box centre between consecutive observations, in widths of the earlier box. */
    static double maxJump(List<FaceObservation> obs) {
        double max = 0;
        for (int i = 1; i < obs.size(); i++) {
            var a = obs.get(i - 1).box();
            var b = obs.get(i).box();
            double d = a.centre().distanceTo(b.centre()) / Math.max(1, a.width());
            max = Math.max(max, d);
        }
        return max;
    }

    /** Lowest cosine between the first sampled embedding and every later one; NaN with fewer than two samples. */
    static double minCosineToFirst(List<FaceObservation> obs) {
        float[] first = null;
        double min = Double.NaN;
        for (FaceObservation o : obs) {
            if (o.embedding() == null) {
                continue;
            }
            if (first == null) {
                first = o.embedding();
                continue;
            }
            double c = cosine(first, o.embedding());
            min = Double.isNaN(min) ? c : Math.min(min, c);
        }
        return min;
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embedding sizes differ: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
