package com.facetrust.infrastructure.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.liveness.ChallengeAction;
import com.facetrust.domain.liveness.FaceTrack;
import com.facetrust.domain.liveness.LightColour;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.domain.liveness.LivenessCue;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import com.facetrust.infrastructure.face.FaceEngine;
import com.facetrust.infrastructure.face.OpenCvImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/**
 * Challenges judged on frame sequences built from real images: an active challenge performed in a real clip passes
 * and one whose face changes identity midway fails; light response built from a real photo with the issued colour
 * sequence applied to the face passes, while the untinted photo and a shifted or wrong sequence fail.
 */
class ChallengesOnRealFramesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static LivenessChallenge active(ChallengeAction... actions) {
        return new LivenessChallenge("n", LivenessCheckKind.ACTIVE_CHALLENGE, List.of(actions), List.of(), null, NOW,
                NOW.plusSeconds(30));
    }

    private static LivenessFrameAnalyzer analyzer(int identityEvery) {
        FaceEngine engine = LivenessTestData.engine();
        return new LivenessFrameAnalyzer(engine, null,
                LivenessFrameAnalyzer.Config.defaults().withSampling(identityEvery, Integer.MAX_VALUE, 2));
    }

    private static List<byte[]> frames(String clip, int from, int count) {
        List<Path> files = LivenessTestData.files(LivenessTestData.dir("video", "live", clip));
        return LivenessTestData.read(files.subList(from, from + count));
    }

    @Test
    void blinkChallengePerformedInALiveClipPasses() {
        FaceTrack t = analyzer(5).analyzeEncoded(frames("lp-d9", 0, 45), LivenessTestData.at15fps(45));
        LivenessJudgement j = new ActiveChallengeJudge(ActiveChallengeConfig.defaults()).judge(
                active(ChallengeAction.BLINK), t);
        assertEquals(LivenessVerdict.LIVE, j.verdict(), j.cues() + " " + j.reasons());
    }

    @Test
    void faceChangingIdentityMidwayFails() {
        // lp-d9's first 30 frames (with its blink), then another person (lp-d18) for 30 frames.
        List<byte[]> spliced = new ArrayList<>(frames("lp-d9", 0, 30));
        spliced.addAll(frames("lp-d18", 0, 30));
        FaceTrack t = analyzer(5).analyzeEncoded(spliced, LivenessTestData.at15fps(60));
        LivenessJudgement j = new ActiveChallengeJudge(ActiveChallengeConfig.defaults()).judge(
                active(ChallengeAction.BLINK), t);
        assertEquals(LivenessVerdict.ATTACK, j.verdict(), j.cues() + " " + j.reasons());
        LivenessCue identity = j.cues().stream().filter(c -> c.name().equals("identity.minCosine")).findFirst()
                .orElseThrow();
        assertFalse(identity.passed(), identity.toString());
    }

    // ------------------------------------------------------------------ light response

    private static final LightColour R = new LightColour(255, 0, 0);
    private static final LightColour G = new LightColour(0, 255, 0);
    private static final LightColour B = new LightColour(0, 0, 255);
    private static final LightColour Y = new LightColour(255, 255, 0);
    private static final LightColour M = new LightColour(255, 0, 255);
    private static final List<LightColour> ISSUED = List.of(R, G, B, Y, M, G, R, B);

    private static LivenessChallenge light() {
        return new LivenessChallenge("n", LivenessCheckKind.LIGHT_RESPONSE, List.of(), ISSUED, Duration.ofMillis(500),
                NOW, NOW.plusSeconds(30));
    }

    /**
     * 60 frames (4 s at 15 fps) of one real photo; the face box is lit by {@code shown} (colour at frame time −
     * 100 ms display lag, or none) with a gain of 8 % of the colour, plus sensor noise (σ = 2).
     */
    private static FaceTrack photoUnderLight(List<LightColour> shown, long shiftMillis) throws Exception {
        FaceEngine engine = LivenessTestData.engine();
        Path photo = LivenessTestData.dir("pad", "samples", "live.jpg");
        List<OpenCvImage> frames = new ArrayList<>();
        try (OpenCvImage base = engine.decode(Files.readAllBytes(photo)).image()) {
            BoundingBox box = engine.detectFaces(base).get(0).box();
            Rect face = new Rect((int) Math.max(0, box.x1()), (int) Math.max(0, box.y1()),
                    (int) Math.min(base.width() - Math.max(0, box.x1()), box.width()),
                    (int) Math.min(base.height() - Math.max(0, box.y1()), box.height()));
            long[] ts = LivenessTestData.at15fps(60);
            for (int i = 0; i < 60; i++) {
                Mat m = base.mat().clone();
                if (shown != null) {
                    long t = ts[i] - 100 - shiftMillis;
                    int k = (int) Math.max(0, Math.min(shown.size() - 1, t / 500));
                    LightColour c = shown.get(k);
                    Mat roi = m.submat(face);
                    Core.add(roi, new Scalar(0.08 * c.blue(), 0.08 * c.green(), 0.08 * c.red()), roi);
                    roi.release();
                }
                Mat noise = new Mat(m.size(), CvType.CV_16SC3);
                Core.randn(noise, 0, 2);
                Mat noisy = new Mat();
                m.convertTo(noisy, CvType.CV_16SC3);
                Core.add(noisy, noise, noisy);
                noisy.convertTo(m, CvType.CV_8UC3);
                noise.release();
                noisy.release();
                frames.add(new OpenCvImage(m));
            }
            try {
                return analyzer(1000).analyze(frames, ts);
            } finally {
                frames.forEach(OpenCvImage::close);
            }
        }
    }

    @Test
    void photoLitByTheIssuedSequencePasses() throws Exception {
        LivenessJudgement j = new LightResponseCheck(LightResponseCheck.Config.defaults()).judge(light(),
                photoUnderLight(ISSUED, 0));
        assertEquals(LivenessVerdict.LIVE, j.verdict(), j.cues().toString());
    }

    @Test
    void untintedPhotoFails() throws Exception {
        LivenessJudgement j = new LightResponseCheck(LightResponseCheck.Config.defaults()).judge(light(),
                photoUnderLight(null, 0));
        assertEquals(LivenessVerdict.INCONCLUSIVE, j.verdict(), j.cues().toString());
        assertTrue(j.reasons().contains("light.noColourResponse"), j.reasons().toString());
    }

    @Test
    void shiftedOrWrongSequenceFails() throws Exception {
        LightResponseCheck check = new LightResponseCheck(LightResponseCheck.Config.defaults());
        LivenessJudgement shifted = check.judge(light(), photoUnderLight(ISSUED, 1000));
        assertEquals(LivenessVerdict.ATTACK, shifted.verdict(), shifted.cues().toString());
        LivenessJudgement wrong = check.judge(light(), photoUnderLight(List.of(B, Y, R, M, G, B, Y, R), 0));
        assertEquals(LivenessVerdict.ATTACK, wrong.verdict(), wrong.cues().toString());
    }
}
