package com.facetrust.infrastructure.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.Landmarks68;
import com.facetrust.domain.face.Point2;
import com.facetrust.domain.liveness.ColourMeans;
import com.facetrust.domain.liveness.FaceObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Known answers for the pulse estimator and the landmark motion meter on synthetic series. */
class MultiFrameCuesTest {

    private static List<FaceObservation> skinSeries(int n, java.util.function.IntFunction<ColourMeans> colour) {
        List<FaceObservation> obs = SyntheticTracks.series(n, (i, f) -> f.skin = colour.apply(i));
        return obs;
    }

    @Test
    void pulseAtOnePointTwoHertzIsFoundWithHighSnr() {
        Random r = new Random(5);
        // 10 s at 15 fps; blood volume darkens all channels in the skin's pulse signature R:G:B ≈ 0.33:0.77:0.53
        // (de Haan & van Leest 2014), here at 0.2 % of the green level, plus the small noise left after averaging
        // thousands of skin pixels.
        List<FaceObservation> obs = skinSeries(150, i -> {
            double p = 0.002 * Math.sin(2 * Math.PI * 1.2 * i / 15.0);
            return new ColourMeans(180 * (1 - 0.43 * p) + 0.02 * r.nextGaussian(),
                    130 * (1 - p) + 0.02 * r.nextGaussian(), 110 * (1 - 0.69 * p) + 0.02 * r.nextGaussian());
        });
        PulseSignalEstimator.Pulse pulse = PulseSignalEstimator.estimate(obs);
        assertEquals(1.2, pulse.peakHz(), 0.05);
        assertTrue(pulse.snrDb() > 5, "SNR " + pulse.snrDb());
    }

    @Test
    void noiseHasLowSnrAndAStillImageNone() {
        Random r = new Random(9);
        List<FaceObservation> noise = skinSeries(150, i -> new ColourMeans(180 + 0.5 * r.nextGaussian(),
                130 + 0.5 * r.nextGaussian(), 110 + 0.5 * r.nextGaussian()));
        double noiseSnr = PulseSignalEstimator.estimate(noise).snrDb();
        assertTrue(noiseSnr < 2, "noise SNR " + noiseSnr);
        List<FaceObservation> still = skinSeries(150, i -> new ColourMeans(180, 130, 110));
        assertEquals(PulseSignalEstimator.NO_SIGNAL_DB, PulseSignalEstimator.estimate(still).snrDb());
    }

    private static FaceObservation at(long t, Landmarks68 lm) {
        return new FaceObservation(t, new BoundingBox(0, 0, 100, 100), lm, null, null, null, null, Double.NaN,
                Double.NaN);
    }

    /** The synthetic face rotated by {@code degrees}, scaled and shifted: a rigid (similarity) motion. */
    private static Landmarks68 moved(Landmarks68 lm, double degrees, double scale, double dx, double dy) {
        double a = Math.toRadians(degrees);
        List<Point2> p = new ArrayList<>();
        for (Point2 q : lm.points()) {
            p.add(new Point2(scale * (Math.cos(a) * q.x() - Math.sin(a) * q.y()) + dx,
                    scale * (Math.sin(a) * q.x() + Math.cos(a) * q.y()) + dy));
        }
        return new Landmarks68(p);
    }

    @Test
    void rigidMotionIsNotNonRigidButExpressionIs() {
        Landmarks68 face = SyntheticTracks.landmarks(0.3, 0.05, 0);
        List<FaceObservation> rigid = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rigid.add(at(i * 67L, moved(face, i, 1 + 0.01 * i, 3 * i, -2 * i)));
        }
        LandmarkMotionMeter.Motion m = LandmarkMotionMeter.measure(rigid);
        assertTrue(m.nonRigid() < 1e-9, "rigid motion leaves no residual: " + m.nonRigid());
        assertTrue(m.overall() > 0.01, "but it is motion: " + m.overall());

        List<FaceObservation> talking = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            talking.add(at(i * 67L, SyntheticTracks.landmarks(0.3, i % 6 < 3 ? 0.05 : 0.4, 0)));
        }
        assertTrue(LandmarkMotionMeter.measure(talking).nonRigid() > 0.01);

        List<FaceObservation> still = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            still.add(at(i * 67L, face));
        }
        assertEquals(0, LandmarkMotionMeter.measure(still).nonRigid(), 1e-12);
        assertEquals(0, LandmarkMotionMeter.measure(still).overall(), 1e-12);
    }

    @Test
    void fusionIsTheWeakestCue() {
        // A still track with a perfect passive score: the motion cues alone make it an attack with score 0.
        List<FaceObservation> still = new ArrayList<>();
        Landmarks68 face = SyntheticTracks.landmarks(0.3, 0.05, 0);
        for (int i = 0; i < 30; i++) {
            still.add(new FaceObservation(i * 67L, new BoundingBox(0, 0, 100, 100), face, null, null, null, null,
                    0.999, Double.NaN));
        }
        var j = new MultiFrameLivenessCheck(MultiFrameLivenessCheck.Config.defaults())
                .judge(com.facetrust.domain.liveness.FaceTrack.of(still));
        assertEquals(com.facetrust.domain.liveness.LivenessVerdict.ATTACK, j.verdict());
        assertEquals(0, j.score(), 1e-12);
        // Natural motion with a low passive score: attack, scored below 0.5 by the passive cue.
        List<FaceObservation> moving = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            moving.add(new FaceObservation(i * 67L, new BoundingBox(0, 0, 100, 100),
                    SyntheticTracks.landmarks(0.3, i % 6 < 3 ? 0.05 : 0.4, i), null, null, null, null, 0.01,
                    Double.NaN));
        }
        var k = new MultiFrameLivenessCheck(MultiFrameLivenessCheck.Config.defaults())
                .judge(com.facetrust.domain.liveness.FaceTrack.of(moving));
        assertEquals(com.facetrust.domain.liveness.LivenessVerdict.ATTACK, k.verdict());
        assertTrue(k.score() < 0.5 && k.reasons().contains("passive.attackLike"), k.toString());
    }
}
