package com.facetrust.infrastructure.liveness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.facetrust.domain.face.HeadPose;
import com.facetrust.domain.liveness.FaceObservation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame-rate limit and pose holding of the analyzer (no model needed). */
class LivenessFrameAnalyzerTest {

    private final LivenessFrameAnalyzer analyzer = new LivenessFrameAnalyzer(null, null,
            LivenessFrameAnalyzer.Config.defaults());

    @Test
    void fifteenFpsKeepsEveryFrameThirtyFpsEveryOther() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, analyzer.keptFrames(4, new long[] {0, 67, 133, 200}));
        assertArrayEquals(new int[] {0, 2, 4}, analyzer.keptFrames(6, new long[] {0, 33, 67, 100, 133, 167}));
        // Irregular arrival: a frame right after a kept one is skipped, the next far enough is kept.
        assertArrayEquals(new int[] {0, 2, 3}, analyzer.keptFrames(4, new long[] {0, 10, 70, 500}));
    }

    @Test
    void poseIsHeldBetweenEstimatesAndTakenFromTheNextAtTheStart() {
        List<FaceObservation> obs = new ArrayList<>();
        HeadPose a = new HeadPose(1, 2, 3);
        HeadPose b = new HeadPose(4, 5, 6);
        HeadPose[] poses = {null, a, null, b, null};
        for (int i = 0; i < poses.length; i++) {
            FaceObservation o = SyntheticTracks.series(1, (k, f) -> { }).get(0);
            obs.add(new FaceObservation(i * 67L, o.box(), o.landmarks(), poses[i], null, null, null, Double.NaN,
                    Double.NaN));
        }
        List<FaceObservation> held = LivenessFrameAnalyzer.holdPose(obs);
        assertEquals(a, held.get(0).pose());
        assertEquals(a, held.get(2).pose());
        assertEquals(b, held.get(4).pose());
        held.forEach(o -> assertNotNull(o.pose()));
    }
}
