package com.facetrust.infrastructure.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.facetrust.domain.liveness.ChallengeAction;
import com.facetrust.domain.liveness.FaceObservation;
import com.facetrust.domain.liveness.FaceTrack;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** each action found on synthetic landmark/pose series; order, identity and still photos enforced. */
class ActiveChallengeJudgeTest {

    private final ActiveChallengeConfig config = ActiveChallengeConfig.defaults();
    private final ActionDetector detector = new ActionDetector(config);
    private static final float[] PERSON_A = SyntheticTracks.unit(512, 1);
    private static final float[] PERSON_B = SyntheticTracks.unit(512, 2);

    private static FaceTrack track(List<FaceObservation> obs) {
        return FaceTrack.of(obs);
    }

    private static LivenessChallenge challenge(ChallengeAction... actions) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new LivenessChallenge("n", LivenessCheckKind.ACTIVE_CHALLENGE, List.of(actions), List.of(), null, now,
                now.plusSeconds(30));
    }

    @Test
    void blinkFoundOnlyWhenEyesCloseBetweenOpenFrames() {
        var blink = track(SyntheticTracks.series(30, (i, f) -> f.ear = (i == 10 || i == 11) ? 0.08 : 0.30));
        List<ActionEvent> found = detector.detect(blink, ChallengeAction.BLINK);
        assertEquals(1, found.size());
        assertEquals(10, found.get(0).startIndex());
        // Eyes closed from the first frame on: no open frame before, so no blink.
        var shut = track(SyntheticTracks.series(30, (i, f) -> f.ear = i < 12 ? 0.08 : 0.30));
        assertTrue(detector.detect(shut, ChallengeAction.BLINK).isEmpty());
        // Closed for 2 s is not a blink.
        var long_ = track(SyntheticTracks.series(60, (i, f) -> f.ear = (i >= 10 && i < 40) ? 0.08 : 0.30));
        assertTrue(detector.detect(long_, ChallengeAction.BLINK).isEmpty());
        // A still photo: constant eyes.
        var still = track(SyntheticTracks.series(30, (i, f) -> { }));
        assertTrue(detector.detect(still, ChallengeAction.BLINK).isEmpty());
    }

    @Test
    void mouthOpeningMustFollowAClosedMouth() {
        var open = track(SyntheticTracks.series(30, (i, f) -> f.mouth = (i >= 12 && i < 18) ? 0.5 : 0.05));
        List<ActionEvent> found = detector.detect(open, ChallengeAction.OPEN_MOUTH);
        assertEquals(1, found.size());
        assertEquals(0.5, found.get(0).magnitude(), 1e-9);
        var alwaysOpen = track(SyntheticTracks.series(30, (i, f) -> f.mouth = 0.5));
        assertTrue(detector.detect(alwaysOpen, ChallengeAction.OPEN_MOUTH).isEmpty());
        var slightlyOpen = track(SyntheticTracks.series(30, (i, f) -> f.mouth = (i >= 12 && i < 18) ? 0.2 : 0.05));
        assertTrue(detector.detect(slightlyOpen, ChallengeAction.OPEN_MOUTH).isEmpty());
    }

    /** Yaw of a turn to the subject's left (nose towards the image's right) in the pose model's convention. */
    private static final double LEFT = -ActionDetector.YAW_SIGN_NOSE_TO_IMAGE_LEFT;
    private static final double UP = ActionDetector.PITCH_SIGN_HEAD_UP;

    @Test
    void turnsAreSignedAndRelativeToTheMedianPose() {
        var left = track(SyntheticTracks.series(45, (i, f) -> f.yaw = 5 + ((i >= 15 && i < 25) ? LEFT * 25 : 0)));
        assertEquals(1, detector.detect(left, ChallengeAction.TURN_LEFT).size());
        assertTrue(detector.detect(left, ChallengeAction.TURN_RIGHT).isEmpty());
        var right = track(SyntheticTracks.series(45, (i, f) -> f.yaw = (i >= 15 && i < 25) ? -LEFT * 20 : 0));
        assertEquals(1, detector.detect(right, ChallengeAction.TURN_RIGHT).size());
        // Held turned 20° throughout: the median is 20°, no turn.
        var held = track(SyntheticTracks.series(45, (i, f) -> f.yaw = 20));
        assertTrue(detector.detect(held, ChallengeAction.TURN_LEFT).isEmpty());
        // 10° is below the 15° threshold.
        var small = track(SyntheticTracks.series(45, (i, f) -> f.yaw = (i >= 15 && i < 25) ? LEFT * 10 : 0));
        assertTrue(detector.detect(small, ChallengeAction.TURN_LEFT).isEmpty());
    }

    @Test
    void nodMustComeBackUpAndRaiseIsUpwards() {
        var nod = track(SyntheticTracks.series(45, (i, f) -> f.pitch = (i >= 15 && i < 22) ? -UP * 18 : 0));
        assertEquals(1, detector.detect(nod, ChallengeAction.NOD).size());
        assertTrue(detector.detect(nod, ChallengeAction.RAISE_HEAD).isEmpty());
        var downStays = track(SyntheticTracks.series(45, (i, f) -> f.pitch = i >= 30 ? -UP * 18 : 0));
        assertTrue(detector.detect(downStays, ChallengeAction.NOD).isEmpty(), "head never came back up");
        var raise = track(SyntheticTracks.series(45, (i, f) -> f.pitch = (i >= 15 && i < 22) ? UP * 15 : 0));
        assertEquals(1, detector.detect(raise, ChallengeAction.RAISE_HEAD).size());
    }

    private static List<FaceObservation> blinkThenTurnLeft(float[] secondHalfIdentity) {
        return SyntheticTracks.series(60, (i, f) -> {
            f.ear = (i == 10 || i == 11) ? 0.08 : 0.30;
            f.yaw = (i >= 35 && i < 45) ? LEFT * 25 : 0;
            if (i % 5 == 0) {
                f.embedding = i < 30 ? PERSON_A : secondHalfIdentity;
            }
        });
    }

    @Test
    void actionsInTheIssuedOrderPass() {
        ActiveChallengeJudge judge = new ActiveChallengeJudge(config);
        LivenessJudgement j = judge.judge(challenge(ChallengeAction.BLINK, ChallengeAction.TURN_LEFT),
                track(blinkThenTurnLeft(PERSON_A)));
        assertEquals(LivenessVerdict.LIVE, j.verdict(), j.toString());
        assertEquals(1.0, j.score());
    }

    @Test
    void reorderedActionsFail() {
        ActiveChallengeJudge judge = new ActiveChallengeJudge(config);
        LivenessJudgement j = judge.judge(challenge(ChallengeAction.TURN_LEFT, ChallengeAction.BLINK),
                track(blinkThenTurnLeft(PERSON_A)));
        assertEquals(LivenessVerdict.INCONCLUSIVE, j.verdict());
        assertTrue(j.reasons().contains("action.notObserved.2.BLINK"), j.reasons().toString());
    }

    @Test
    void identityChangeMidwayIsAnAttack() {
        ActiveChallengeJudge judge = new ActiveChallengeJudge(config);
        LivenessJudgement j = judge.judge(challenge(ChallengeAction.BLINK, ChallengeAction.TURN_LEFT),
                track(blinkThenTurnLeft(PERSON_B)));
        assertEquals(LivenessVerdict.ATTACK, j.verdict());
        assertTrue(j.reasons().contains("face.changedDuringChallenge"), j.reasons().toString());
    }

    @Test
    void jumpingFaceBoxIsAnAttack() {
        ActiveChallengeJudge judge = new ActiveChallengeJudge(config);
        List<FaceObservation> obs = SyntheticTracks.series(60, (i, f) -> {
            f.ear = (i == 10 || i == 11) ? 0.08 : 0.30;
            f.dx = i < 30 ? 0 : 200;
            if (i % 5 == 0) {
                f.embedding = PERSON_A;
            }
        });
        LivenessJudgement j = judge.judge(challenge(ChallengeAction.BLINK), track(obs));
        assertEquals(LivenessVerdict.ATTACK, j.verdict());
        assertTrue(j.reasons().contains("face.jumped"));
    }

    @Test
    void stillPhotoPerformsNoAction() {
        ActiveChallengeJudge judge = new ActiveChallengeJudge(config);
        List<FaceObservation> still = SyntheticTracks.series(45, (i, f) -> f.embedding = PERSON_A);
        for (ChallengeAction a : ChallengeAction.values()) {
            LivenessJudgement j = judge.judge(challenge(a), track(still));
            assertEquals(LivenessVerdict.INCONCLUSIVE, j.verdict(), a.name());
        }
    }

    @Test
    void captureLongerThanTheChallengeLifetimeFails() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        LivenessChallenge shortLived = new LivenessChallenge("n", LivenessCheckKind.ACTIVE_CHALLENGE,
                List.of(ChallengeAction.BLINK), List.of(), null, now, now.plusSeconds(2));
        LivenessJudgement j = new ActiveChallengeJudge(config).judge(shortLived, track(blinkThenTurnLeft(PERSON_A)));
        assertTrue(j.reasons().contains("track.longerThanChallenge"), j.reasons().toString());
    }
}
