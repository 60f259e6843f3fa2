package com.facetrust.infrastructure.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.liveness.DepthMap;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** D-6.1.2 e: planar faces rejected on synthetic depth maps; a face-shaped relief passes. */
class DepthPlanarityCheckTest {

    private static final int W = 200;
    private static final int H = 200;
    private static final BoundingBox FACE = new BoundingBox(50, 40, 150, 160);
    private final DepthPlanarityCheck check = new DepthPlanarityCheck(DepthPlanarityCheck.Config.defaults());

    interface Surface {
        double z(int x, int y);
    }

    private static DepthMap map(Surface s, double noiseMm) {
        Random r = new Random(7);
        float[] d = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                d[y * W + x] = (float) (s.z(x, y) + noiseMm * r.nextGaussian());
            }
        }
        return new DepthMap(W, H, d);
    }

    /** Ellipsoid head 600 mm away: relief ~ 40 mm at the centre, plus a 20 mm nose bump. */
    private static double face(int x, int y) {
        double u = (x - 100) / 55.0;
        double v = (y - 100) / 70.0;
        double bulge = Math.max(0, 1 - u * u - v * v);
        double nose = 20 * Math.exp(-((x - 100) * (x - 100) + (y - 105) * (y - 105)) / (2 * 8.0 * 8.0));
        return 600 - 40 * Math.sqrt(bulge) - nose;
    }

    @Test
    void flatPrintRejectedEvenTilted() {
        LivenessJudgement flat = check.judge(map((x, y) -> 550, 1.0), FACE);
        assertEquals(LivenessVerdict.ATTACK, flat.verdict());
        assertTrue(flat.reasons().contains("depth.planarFace"));
        LivenessJudgement tilted = check.judge(map((x, y) -> 500 + 0.8 * x - 0.5 * y, 1.0), FACE);
        assertEquals(LivenessVerdict.ATTACK, tilted.verdict(), tilted.cues().toString());
    }

    @Test
    void faceReliefPassesEvenTilted() {
        assertEquals(LivenessVerdict.LIVE, check.judge(map(DepthPlanarityCheckTest::face, 1.0), FACE).verdict());
        LivenessJudgement tilted = check.judge(map((x, y) -> face(x, y) + 0.5 * x, 1.0), FACE);
        assertEquals(LivenessVerdict.LIVE, tilted.verdict(), tilted.cues().toString());
    }

    @Test
    void missingReadingsAreInconclusive() {
        LivenessJudgement j = check.judge(map((x, y) -> (x + y) % 3 == 0 ? 600 : 0, 0), FACE);
        assertEquals(LivenessVerdict.INCONCLUSIVE, j.verdict());
        LivenessJudgement outside = check.judge(map((x, y) -> 600, 0), new BoundingBox(300, 300, 400, 400));
        assertEquals(LivenessVerdict.INCONCLUSIVE, outside.verdict());
    }
}
