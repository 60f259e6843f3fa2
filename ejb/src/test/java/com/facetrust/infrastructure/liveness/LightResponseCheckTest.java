package com.facetrust.infrastructure.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.facetrust.domain.liveness.ColourMeans;
import com.facetrust.domain.liveness.FaceObservation;
import com.facetrust.domain.liveness.FaceTrack;
import com.facetrust.domain.liveness.LightColour;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessCheckKind;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** b on synthetic colour series (the real-photo version is in LightResponseOnPhotoTest). */
class LightResponseCheckTest {

    private static final LightColour R = new LightColour(255, 0, 0);
    private static final LightColour G = new LightColour(0, 255, 0);
    private static final LightColour B = new LightColour(0, 0, 255);
    private static final LightColour Y = new LightColour(255, 255, 0);
    private final LightResponseCheck check = new LightResponseCheck(LightResponseCheck.Config.defaults());

    static LivenessChallenge challenge(List<LightColour> colours) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new LivenessChallenge("n", LivenessCheckKind.LIGHT_RESPONSE, List.of(), colours,
                Duration.ofMillis(500), now, now.plusSeconds(30));
    }

    /** Skin (180,130,110) plus {@code gain} of the colour on screen at (t − lag), with sensor noise. */
    static FaceTrack respond(List<LightColour> shown, double gain, long lagMillis, long frames) {
        Random r = new Random(3);
        List<FaceObservation> obs = SyntheticTracks.series((int) frames, (i, f) -> {
            long t = Math.round(i * 1000.0 / 15) - lagMillis;
            int k = (int) Math.max(0, Math.min(shown.size() - 1, t / 500));
            LightColour c = shown.get(k);
            f.skin = new ColourMeans(180 + gain * c.red() / 255 + r.nextGaussian(),
                    130 + gain * c.green() / 255 + r.nextGaussian(), 110 + gain * c.blue() / 255 + r.nextGaussian());
        });
        return FaceTrack.of(obs);
    }

    @Test
    void faceFollowingTheSequencePasses() {
        List<LightColour> seq = List.of(R, G, B, Y, R, B, G, Y);
        LivenessJudgement j = check.judge(challenge(seq), respond(seq, 12, 100, 60));
        assertEquals(LivenessVerdict.LIVE, j.verdict(), j.cues().toString());
    }

    @Test
    void stillFaceIsNotLive() {
        List<LightColour> seq = List.of(R, G, B, Y, R, B, G, Y);
        LivenessJudgement j = check.judge(challenge(seq), respond(seq, 0, 0, 60));
        assertEquals(LivenessVerdict.INCONCLUSIVE, j.verdict(), j.cues().toString());
    }

    @Test
    void otherSequenceOrShiftedTimingIsAnAttack() {
        List<LightColour> issued = List.of(R, G, B, Y, R, B, G, Y);
        LivenessJudgement other = check.judge(challenge(issued), respond(List.of(B, R, Y, G, B, Y, R, G), 12, 100, 60));
        assertEquals(LivenessVerdict.ATTACK, other.verdict(), other.cues().toString());
        LivenessJudgement late = check.judge(challenge(issued), respond(issued, 12, 1000, 60));
        assertEquals(LivenessVerdict.ATTACK, late.verdict(), late.cues().toString());
    }

    @Test
    void tooShortCaptureIsInconclusive() {
        List<LightColour> seq = List.of(R, G, B, Y, R, B, G, Y);
        LivenessJudgement j = check.judge(challenge(seq), respond(seq, 12, 0, 30));
        assertEquals(LivenessVerdict.INCONCLUSIVE, j.verdict(), j.cues().toString());
    }
}
