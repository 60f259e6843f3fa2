package com.facetrust.infrastructure.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.facetrust.domain.liveness.ChallengeAction;
import com.facetrust.domain.liveness.FaceTrack;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import com.facetrust.infrastructure.face.FaceEngine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Multi-frame and active checks on the real clips of ../shared/testdata/video: live clips pass the multi-frame
 * check (on their first 3 s, the length of a challenge), the phone-screen replay fails, a still photo repeated as
 * every frame fails, and the blinks and mouth openings the clips contain are found by the action logic.
 */
class LivenessOnClipsTest {

    private static final ActiveChallengeConfig ACTIVE = ActiveChallengeConfig.defaults();

    private static LivenessFrameAnalyzer analyzer() {
        FaceEngine engine = LivenessTestData.engine();
        return new LivenessFrameAnalyzer(engine,
                new PassiveLivenessModel(engine.model(PassiveLivenessModel.MODEL_FILE)),
                LivenessFrameAnalyzer.Config.defaults());
    }

    private static FaceTrack track(Path clip, int from, int count) {
        List<Path> files = LivenessTestData.files(clip);
        List<Path> part = files.subList(from, Math.min(files.size(), from + count));
        return analyzer().analyzeEncoded(LivenessTestData.read(part), LivenessTestData.at15fps(part.size()));
    }

    @Test
    void liveClipsPassTheMultiFrameCheck() {
        Path live = LivenessTestData.dir("video", "live");
        MultiFrameLivenessCheck check = new MultiFrameLivenessCheck(MultiFrameLivenessCheck.Config.defaults());
        List<Path> clips = listDirs(live);
        assertEquals(8, clips.size(), "eight live clips expected");
        for (Path clip : clips) {
            LivenessJudgement j = check.judge(track(clip, 0, 45));
            assertEquals(LivenessVerdict.LIVE, j.verdict(), clip.getFileName() + " " + j.cues() + " " + j.reasons());
        }
    }

    @Test
    void phoneReplayFailsTheMultiFrameCheck() {
        Path fake = LivenessTestData.dir("video", "attack-replay", "zubair-fake");
        MultiFrameLivenessCheck check = new MultiFrameLivenessCheck(MultiFrameLivenessCheck.Config.defaults());
        // The whole clip and its first 3 s (where the live person is in frame beside the phone).
        LivenessJudgement whole = check.judge(track(fake, 0, 150));
        assertEquals(LivenessVerdict.ATTACK, whole.verdict(), whole.cues() + " " + whole.reasons());
        assertTrue(whole.reasons().contains("passive.attackLike"), whole.reasons().toString());
        LivenessJudgement first = check.judge(track(fake, 0, 45));
        assertNotEquals(LivenessVerdict.LIVE, first.verdict(), first.cues() + " " + first.reasons());
    }

    @Test
    void stillPhotoRepeatedAsEveryFrameFailsMultiFrameAndActiveChecks() {
        Path clip = LivenessTestData.dir("video", "live", "lp-d9");
        byte[] photo = LivenessTestData.read(LivenessTestData.files(clip).subList(0, 1)).get(0);
        FaceTrack still = analyzer().analyzeEncoded(Collections.nCopies(45, photo), LivenessTestData.at15fps(45));
        LivenessJudgement multi = new MultiFrameLivenessCheck(MultiFrameLivenessCheck.Config.defaults()).judge(still);
        assertEquals(LivenessVerdict.ATTACK, multi.verdict(), multi.cues().toString());
        assertTrue(multi.reasons().contains("motion.none"), multi.reasons().toString());
        Instant now = Instant.now();
        for (ChallengeAction a : ChallengeAction.values()) {
            LivenessChallenge c = new LivenessChallenge("n", LivenessCheckKind.ACTIVE_CHALLENGE, List.of(a),
                    List.of(), null, now, now.plusSeconds(30));
            assertNotEquals(LivenessVerdict.LIVE, new ActiveChallengeJudge(ACTIVE).judge(c, still).verdict(), a.name());
        }
    }

    @Test
    void blinkInLpD9IsFound() {
        // Frames 6–8 of lp-d9 show both eyes shut (checked by eye), between open frames.
        FaceTrack t = track(LivenessTestData.dir("video", "live", "lp-d9"), 0, 45);
        List<ActionEvent> blinks = new ActionDetector(ACTIVE).detect(t, ChallengeAction.BLINK);
        assertTrue(blinks.stream().anyMatch(e -> e.startIndex() <= 8 && e.endIndex() >= 6), blinks.toString());
    }

    @Test
    void mouthOpeningsInLpD18AndLpD12AreFound() {
        // lp-d18: mouth wide open around frames 40 and 70; lp-d12: around frame 76 (checked by eye).
        ActionDetector detector = new ActionDetector(ACTIVE);
        List<ActionEvent> d18 = detector.detect(track(LivenessTestData.dir("video", "live", "lp-d18"), 0, 108),
                ChallengeAction.OPEN_MOUTH);
        assertTrue(d18.stream().anyMatch(e -> e.startIndex() <= 40 && e.endIndex() >= 40), d18.toString());
        assertTrue(d18.stream().anyMatch(e -> e.startIndex() <= 70 && e.endIndex() >= 70), d18.toString());
        List<ActionEvent> d12 = detector.detect(track(LivenessTestData.dir("video", "live", "lp-d12"), 60, 30),
                ChallengeAction.OPEN_MOUTH);
        assertTrue(d12.stream().anyMatch(e -> e.startIndex() <= 16 && e.endIndex() >= 16), d12.toString());
        // A face that keeps its mouth closed (lp-d9) opens nothing.
        assertFalse(detector.detect(track(LivenessTestData.dir("video", "live", "lp-d9"), 0, 45),
                ChallengeAction.OPEN_MOUTH).stream().findAny().isPresent());
    }

    @Test
    void headTurnsInLpD3AreFoundInTheirDirection() {
        // lp-d3 turns the head both ways within its 10 s (pose yaw −21° … +15°, nose −0.17 … +0.25 of face width).
        FaceTrack t = track(LivenessTestData.dir("video", "live", "lp-d3"), 0, 150);
        ActionDetector detector = new ActionDetector(ACTIVE);
        List<ActionEvent> left = detector.detect(t, ChallengeAction.TURN_LEFT);
        List<ActionEvent> right = detector.detect(t, ChallengeAction.TURN_RIGHT);
        assertFalse(left.isEmpty() && right.isEmpty(), "no turn found");
        // Direction check against landmark geometry: a turn to the subject's left moves the nose to the image right.
        for (ActionEvent e : left) {
            var lm = t.observations().get(e.peakIndex()).landmarks();
            double rel = (lm.get(30).x() - (lm.get(0).x() + lm.get(16).x()) / 2) / (lm.get(16).x() - lm.get(0).x());
            assertTrue(rel > 0, "TURN_LEFT peak with nose at " + rel);
        }
        for (ActionEvent e : right) {
            var lm = t.observations().get(e.peakIndex()).landmarks();
            double rel = (lm.get(30).x() - (lm.get(0).x() + lm.get(16).x()) / 2) / (lm.get(16).x() - lm.get(0).x());
            assertTrue(rel < 0, "TURN_RIGHT peak with nose at " + rel);
        }
    }

    private static List<Path> listDirs(Path dir) {
        try (var s = java.nio.file.Files.list(dir)) {
            return s.filter(java.nio.file.Files::isDirectory).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
