package com.facetrust.infrastructure.liveness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.DetectedFace;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.liveness.LivenessVerdict;
import com.facetrust.infrastructure.face.FaceEngine;
import com.facetrust.infrastructure.face.OpenCvImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Single-frame check on real images: live frames pass and printed photos fail at the calibrated threshold
 * pass rate ≥ 95 %, attack rejection ≥ 99 %), and the channel order BGR beats RGB (models.md).
 */
class PassiveLivenessOnImagesTest {

    private static double score(FaceEngine engine, PassiveLivenessModel model, Path file) throws Exception {
        try (OpenCvImage img = engine.decode(Files.readAllBytes(file)).image()) {
            List<DetectedFace> faces = engine.detectFaces(img);
            assertTrue(!faces.isEmpty(), "no face in " + file);
            return model.liveProbability(img, faces.get(0).box());
        }
    }

    @Test
    void samplesLivePassesPrintAndReplayFail() throws Exception {
        Path samples = LivenessTestData.dir("pad", "samples");
        FaceEngine engine = LivenessTestData.engine();
        PassiveLivenessModel model = new PassiveLivenessModel(engine.model(PassiveLivenessModel.MODEL_FILE));
        PassiveFrameCheck check = new PassiveFrameCheck(model, PassiveFrameCheck.Config.defaults());
        for (String name : List.of("live.jpg", "attack-print.jpg", "attack-replay.jpg")) {
            try (OpenCvImage img = engine.decode(Files.readAllBytes(samples.resolve(name))).image()) {
                LivenessJudgement j = check.judge(img, engine.detectFaces(img).get(0));
                assertEquals(name.startsWith("live") ? LivenessVerdict.LIVE : LivenessVerdict.ATTACK, j.verdict(),
                        name + " " + j.cues());
            }
        }
    }

    /** Every 10th frame of nuaa-dev (59 live, 59 print): a bounded regression check of the calibrated threshold. */
    @Test
    void nuaaLiveFramesPassPrintsFailAndBgrBeatsRgb() throws Exception {
        Path nuaa = LivenessTestData.dir("pad", "nuaa-dev");
        FaceEngine engine = LivenessTestData.engine();
        PassiveLivenessModel bgr = new PassiveLivenessModel(engine.model(PassiveLivenessModel.MODEL_FILE));
        PassiveLivenessModel rgb = new PassiveLivenessModel(engine.model(PassiveLivenessModel.MODEL_FILE),
                PassiveLivenessModel.ChannelOrder.RGB);
        double t = PassiveFrameCheck.Config.CALIBRATED_THRESHOLD;
        int live = 0, livePassed = 0, attacks = 0, attacksRejected = 0, bgrErrors = 0, rgbErrors = 0;
        for (String folder : List.of("live", "attack-print")) {
            List<Path> files = LivenessTestData.files(nuaa.resolve(folder));
            for (int i = 0; i < files.size(); i += 10) {
                boolean isLive = folder.equals("live");
                double b = score(engine, bgr, files.get(i));
                double r = score(engine, rgb, files.get(i));
                if (isLive) {
                    live++;
                    livePassed += b >= t ? 1 : 0;
                } else {
                    attacks++;
                    attacksRejected += b < t ? 1 : 0;
                }
                bgrErrors += (b >= 0.5) != isLive ? 1 : 0;
                rgbErrors += (r >= 0.5) != isLive ? 1 : 0;
            }
        }
        assertTrue(livePassed >= 0.95 * live, "live pass rate " + livePassed + "/" + live);
        assertTrue(attacksRejected >= 0.99 * attacks, "attack rejection " + attacksRejected + "/" + attacks);
        assertTrue(bgrErrors < rgbErrors, "BGR errors " + bgrErrors + " vs RGB " + rgbErrors + " at 0.5");
    }

    @Test
    void cropIsTheBoxScaledAroundItsCentreAndShiftedInside() {
        // 100×100 box centred at (320,240) in 640×480: 270×270 around the centre.
        assertArrayEquals(new int[] {185, 105, 270, 270},
                PassiveLivenessModel.cropRect(640, 480, new BoundingBox(270, 190, 370, 290)));
        // Near the left/top edge: shifted right/down, same size, not padded.
        int[] r = PassiveLivenessModel.cropRect(640, 480, new BoundingBox(0, 0, 100, 100));
        assertArrayEquals(new int[] {0, 0, 270, 270}, r);
        // Near the right/bottom edge: shifted left/up to end at the last pixel.
        r = PassiveLivenessModel.cropRect(640, 480, new BoundingBox(540, 380, 640, 480));
        assertEquals(639, r[0] + r[2]);
        assertEquals(479, r[1] + r[3]);
        // A box too large for ×2.7: the scale shrinks to fit the frame.
        r = PassiveLivenessModel.cropRect(640, 480, new BoundingBox(170, 90, 470, 390));
        assertTrue(r[0] >= 0 && r[1] >= 0 && r[0] + r[2] <= 640 && r[1] + r[3] <= 480, java.util.Arrays.toString(r));
    }
}
