package com.facetrust.application.liveness;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.DepthMap;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.domain.liveness.LivenessEvidence;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import com.facetrust.domain.liveness.PresentationAttackDetector;
import com.facetrust.domain.recognition.LivenessRequirement;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate's requirement logic (issue 6 wiring; d) against a recording detector: which check each
 * requirement runs, on which frames, what evidence it demands, and which code a non-LIVE judgement ends with. The
 * checks themselves are tested on real images and clips in {@code infrastructure.liveness}.
 */
class RequiredLivenessJudgeTest {

    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");
    private static final byte[] F1 = {1, 2, 3};
    private static final byte[] F2 = {4, 5, 6};

    /** Answers with the judgement it is given and records every call. */
    static final class RecordingDetector implements PresentationAttackDetector {
        final List<String> calls = new ArrayList<>();
        LivenessJudgement answer = judgement(LivenessVerdict.LIVE);
        LivenessJudgement depthAnswer = judgement(LivenessVerdict.LIVE);
        Instant challengeReceivedAt;

        @Override
        public LivenessJudgement judgeImage(byte[] image) {
            calls.add("image:" + image[0]);
            return answer;
        }

        @Override
        public LivenessJudgement judgeBurst(List<byte[]> frames, long[] ts) {
            calls.add("burst:" + frames.size());
            return answer;
        }

        @Override
        public LivenessChallenge issueActiveChallenge(int actionCount, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LivenessChallenge issueLightChallenge(int colourCount, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LivenessJudgement judgeChallenge(String nonce, List<byte[]> frames, long[] ts, Instant receivedAt) {
            calls.add("challenge:" + nonce + ":" + frames.size());
            challengeReceivedAt = receivedAt;
            return answer;
        }

        @Override
        public LivenessJudgement judgeDepth(DepthMap depth, BoundingBox face) {
            calls.add("depth:" + (int) face.x2());
            return depthAnswer;
        }
    }

    static LivenessJudgement judgement(LivenessVerdict v, String... reasons) {
        return new LivenessJudgement(LivenessCheckKind.PASSIVE_FRAME, v, v == LivenessVerdict.LIVE ? 0.9 : 0.1,
                List.of(), List.of(reasons));
    }

    private final RecordingDetector detector = new RecordingDetector();
    private final RequiredLivenessJudge judge = new RequiredLivenessJudge(detector,
            image -> new BoundingBox(0, 0, 100, 100), Clock.fixed(NOW, ZoneOffset.UTC));

    private static LivenessEvidence burst(String nonce, DepthMap depth) {
        return new LivenessEvidence(List.of(F1, F2), new long[] {0, 66}, nonce, depth);
    }

    @Test
    void noneChecksNothingEvenWithoutEvidence() {
        assertNull(judge.requireLive(LivenessRequirement.NONE, null));
        assertNull(judge.requireLive(LivenessRequirement.NONE, burst("n", null)));
        assertTrue(detector.calls.isEmpty());
    }

    @Test
    void passiveJudgesTheFirstFrameOnly() {
        LivenessJudgement j = judge.requireLive(LivenessRequirement.PASSIVE, burst(null, null));
        assertSame(detector.answer, j);
        assertEquals(List.of("image:1"), detector.calls);
    }

    @Test
    void multiFrameJudgesTheBurstAndNeedsTimestamps() {
        judge.requireLive(LivenessRequirement.MULTI_FRAME, burst(null, null));
        assertEquals(List.of("burst:2"), detector.calls);

        FaceTrustException single = assertThrows(FaceTrustException.class, () -> judge.requireLive(
                LivenessRequirement.MULTI_FRAME, new LivenessEvidence(List.of(F1), new long[] {0}, null, null)));
        assertEquals(FailureCode.LIVENESS_EVIDENCE_MISSING, single.failureCode());
        FaceTrustException noTimes = assertThrows(FaceTrustException.class, () -> judge.requireLive(
                LivenessRequirement.MULTI_FRAME, new LivenessEvidence(List.of(F1, F2), null, null, null)));
        assertEquals(FailureCode.LIVENESS_EVIDENCE_MISSING, noTimes.failureCode());
        assertEquals(1, detector.calls.size(), "nothing judged on incomplete evidence");
    }

    @Test
    void challengeRedeemsTheNonceAtTheServersTime() {
        judge.requireLive(LivenessRequirement.CHALLENGE, burst("abc", null));
        assertEquals(List.of("challenge:abc:2"), detector.calls);
        assertEquals(NOW, detector.challengeReceivedAt);
    }

    @Test
    void challengeWithoutNonceIsRefusedBeforeAnyFrameIsJudged() {
        FaceTrustException e = assertThrows(FaceTrustException.class,
                () -> judge.requireLive(LivenessRequirement.CHALLENGE, burst(" ", null)));
        assertEquals(FailureCode.LIVENESS_EVIDENCE_MISSING, e.failureCode());
        assertTrue(detector.calls.isEmpty());
    }

    @Test
    void missingOrEmptyFramesAreImageMissing() {
        for (LivenessRequirement r : List.of(LivenessRequirement.PASSIVE, LivenessRequirement.MULTI_FRAME,
                LivenessRequirement.CHALLENGE)) {
            assertEquals(FailureCode.IMAGE_MISSING, assertThrows(FaceTrustException.class,
                    () -> judge.requireLive(r, null)).failureCode());
            assertEquals(FailureCode.IMAGE_MISSING, assertThrows(FaceTrustException.class,
                    () -> judge.requireLive(r, new LivenessEvidence(List.of(), null, null, null))).failureCode());
            assertEquals(FailureCode.IMAGE_MISSING, assertThrows(FaceTrustException.class,
                    () -> judge.requireLive(r, new LivenessEvidence(List.of(new byte[0]), new long[] {0}, "n",
                            null))).failureCode());
        }
        assertTrue(detector.calls.isEmpty());
    }

    @Test
    void attackEndsWithThePresentationAttackCodeAndItsReasons() {
        detector.answer = judgement(LivenessVerdict.ATTACK, "motion.none");
        FaceTrustException e = assertThrows(FaceTrustException.class,
                () -> judge.requireLive(LivenessRequirement.MULTI_FRAME, burst(null, null)));
        assertEquals(FailureCode.PRESENTATION_ATTACK, e.failureCode());
        assertEquals(List.of("motion.none"), e.reasons());
    }

    @Test
    void identityChangeAndUnperformedActionsKeepTheirOwnCodes() {
        detector.answer = judgement(LivenessVerdict.ATTACK, "face.changedDuringChallenge");
        assertEquals(FailureCode.FACE_CHANGED_DURING_CHALLENGE, assertThrows(FaceTrustException.class,
                () -> judge.requireLive(LivenessRequirement.CHALLENGE, burst("n", null))).failureCode());
        detector.answer = judgement(LivenessVerdict.INCONCLUSIVE, "action.notObserved:BLINK");
        assertEquals(FailureCode.CHALLENGE_NOT_PERFORMED, assertThrows(FaceTrustException.class,
                () -> judge.requireLive(LivenessRequirement.CHALLENGE, burst("n", null))).failureCode());
        detector.answer = judgement(LivenessVerdict.INCONCLUSIVE, "frames.tooFew");
        assertEquals(FailureCode.LIVENESS_INCONCLUSIVE, assertThrows(FaceTrustException.class,
                () -> judge.requireLive(LivenessRequirement.PASSIVE, burst(null, null))).failureCode());
    }

    @Test
    void aPlanarDepthMapTurnsALiveFrameIntoAnAttack() {
        DepthMap depth = new DepthMap(1, 1, new float[] {500});
        detector.depthAnswer = judgement(LivenessVerdict.ATTACK, "depth.planar");
        FaceTrustException e = assertThrows(FaceTrustException.class,
                () -> judge.requireLive(LivenessRequirement.PASSIVE, burst(null, depth)));
        assertEquals(FailureCode.PRESENTATION_ATTACK, e.failureCode());
        assertEquals(List.of("image:1", "depth:100"), detector.calls);
        assertEquals(List.of("depth.planar"), e.reasons());
    }

    @Test
    void aLiveDepthMapKeepsTheVerdictAndAddsItsCues() {
        DepthMap depth = new DepthMap(1, 1, new float[] {500});
        LivenessJudgement j = judge.requireLive(LivenessRequirement.PASSIVE, burst(null, depth));
        assertEquals(LivenessVerdict.LIVE, j.verdict());
        assertEquals(List.of("image:1", "depth:100"), detector.calls);
    }

    @Test
    void worseVerdictWinsAndReasonsOfBothAreKept() {
        LivenessJudgement a = judgement(LivenessVerdict.INCONCLUSIVE, "x");
        LivenessJudgement b = judgement(LivenessVerdict.ATTACK, "y");
        LivenessJudgement w = RequiredLivenessJudge.worse(a, b);
        assertEquals(LivenessVerdict.ATTACK, w.verdict());
        assertEquals(List.of("y", "x"), w.reasons());
        assertEquals(0.1, w.score());
    }
}
