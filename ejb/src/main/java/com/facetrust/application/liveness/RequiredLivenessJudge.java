package com.facetrust.application.liveness;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.LivenessEvidence;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessOutcome;
import com.facetrust.domain.liveness.PresentationAttackDetector;
import com.facetrust.domain.recognition.LivenessRequirement;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The requirement logic of the liveness gate, plain Java so it is unit-tested on its own: which check a
 * {@link LivenessRequirement} asks for, what evidence it needs, and how a judgement that is not LIVE ends the
 * transaction (A-5.7.3 d: the code of {@link LivenessOutcome#failureOf}; an attack is FT-6001/6006, an ALARM).
 *
 * <ul>
 *   <li>NONE — nothing is decoded or judged; answers {@code null}.</li>
 *   <li>PASSIVE — the single-frame check on the first frame (A-5.5.2 a).</li>
 *   <li>MULTI_FRAME — the burst check; needs ≥ 2 frames with capture times (A-5.5.2 a).</li>
 *   <li>CHALLENGE — redeems the nonce (single use, deadline) and judges the frames against the challenge it names,
 *   together with the burst check on the same frames (A-5.5.1, A-5.5.2 b, A-4 b).</li>
 * </ul>
 * The requirement is judged exactly: a channel that asks for PASSIVE gets the passive check even when more frames
 * come along (the requirement is the channel's policy, not the client's choice). A depth map, when given, is judged
 * as well on the main face of the first frame (D-6.1.2 e), for every requirement but NONE; the worse outcome wins.
 */
public final class RequiredLivenessJudge {

    private final PresentationAttackDetector detector;
    private final Function<byte[], BoundingBox> mainFaceBox;
    private final Clock clock;

    /**
     * @param mainFaceBox the main face's box in an encoded image (for the depth check); throws NO_FACE when none
     */
    public RequiredLivenessJudge(PresentationAttackDetector detector, Function<byte[], BoundingBox> mainFaceBox,
                                 Clock clock) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.mainFaceBox = Objects.requireNonNull(mainFaceBox, "mainFaceBox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The judgement when the sample is live; {@code null} for NONE (nothing was checked). Anything but LIVE throws
     * {@link FaceTrustException} with the judgement's code and its reasons (cue names, never pixels).
     */
    public LivenessJudgement requireLive(LivenessRequirement requirement, LivenessEvidence evidence) {
        Objects.requireNonNull(requirement, "requirement");
        if (requirement == LivenessRequirement.NONE) {
            return null;
        }
        if (evidence == null || evidence.frames().isEmpty()
                || evidence.frames().stream().anyMatch(f -> f == null || f.length == 0)) {
            throw new FaceTrustException(FailureCode.IMAGE_MISSING,
                    "liveness " + requirement + " needs at least one non-empty frame");
        }
        LivenessJudgement judgement = switch (requirement) {
            case PASSIVE -> detector.judgeImage(evidence.frames().get(0));
            case MULTI_FRAME -> {
                requireBurst(requirement, evidence);
                yield detector.judgeBurst(evidence.frames(), evidence.timestampsMillis());
            }
            case CHALLENGE -> {
                if (evidence.challengeNonce() == null || evidence.challengeNonce().isBlank()) {
                    throw new FaceTrustException(FailureCode.LIVENESS_EVIDENCE_MISSING,
                            "this check needs the nonce of a challenge issued by POST /api/v1/liveness/challenges",
                            List.of("challengeNonce"));
                }
                requireBurst(requirement, evidence);
                yield detector.judgeChallenge(evidence.challengeNonce(), evidence.frames(),
                        evidence.timestampsMillis(), clock.instant());
            }
            case NONE -> throw new IllegalStateException("unreachable");
        };
        if (evidence.depth() != null) {
            LivenessJudgement depth = detector.judgeDepth(evidence.depth(), mainFaceBox.apply(evidence.frames().get(0)));
            judgement = worse(judgement, depth);
        }
        LivenessJudgement judged = judgement;
        LivenessOutcome.failureOf(judged).ifPresent(code -> {
            throw new FaceTrustException(code, "liveness " + requirement + ": " + judged.verdict()
                    + " (" + judged.kind() + ")", judged.reasons());
        });
        return judged;
    }

    private static void requireBurst(LivenessRequirement requirement, LivenessEvidence evidence) {
        long[] ts = evidence.timestampsMillis();
        if (evidence.frames().size() < 2 || ts == null || ts.length != evidence.frames().size()) {
            throw new FaceTrustException(FailureCode.LIVENESS_EVIDENCE_MISSING,
                    "liveness " + requirement + " needs a burst of frames, each with its capture time t (ms)",
                    List.of("frames"));
        }
    }

    /** The judgement with the worse verdict (ATTACK over INCONCLUSIVE over LIVE); reasons of both are kept. */
    static LivenessJudgement worse(LivenessJudgement a, LivenessJudgement b) {
        LivenessJudgement first = rank(a) >= rank(b) ? a : b;
        LivenessJudgement second = first == a ? b : a;
        List<String> reasons = new ArrayList<>(first.reasons());
        second.reasons().stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
        List<com.facetrust.domain.liveness.LivenessCue> cues = new ArrayList<>(first.cues());
        cues.addAll(second.cues());
        return new LivenessJudgement(first.kind(), first.verdict(), Math.min(a.score(), b.score()), cues, reasons);
    }

    private static int rank(LivenessJudgement j) {
        return switch (j.verdict()) {
            case LIVE -> 0;
            case INCONCLUSIVE -> 1;
            case ATTACK -> 2;
        };
    }
}
