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
                PassiveLivenessModel.ChannelOrder.RGB, PassiveLivenessModel.Views.CROP_AND_MIRROR);
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

    /**
     * The two hardest frames of nuaa-dev (D-7.3): the crop alone ranks a subject-0001 live frame below a
     * subject-0006 print; with the mirror fused the live frame ranks 1.6 log-odds above it, and the print is refused at
     * the calibrated threshold (the live frame, 0.197, is the one live frame of nuaa-dev the default 0.2245 refuses
     * in-sample). The mirror is scored only within {@link PassiveLivenessModel#MIRROR_BAND} of a decision threshold.
     */
    @Test
    void mirrorFusionSeparatesTheHardestFramesAndIsScoredOnlyNearTheThreshold() throws Exception {
        Path nuaa = LivenessTestData.dir("pad", "nuaa-dev");
        FaceEngine engine = LivenessTestData.engine();
        PassiveLivenessModel fused = new PassiveLivenessModel(engine.model(PassiveLivenessModel.MODEL_FILE));
        PassiveLivenessModel crop = new PassiveLivenessModel(engine.model(PassiveLivenessModel.MODEL_FILE),
                PassiveLivenessModel.ChannelOrder.BGR, PassiveLivenessModel.Views.CROP);
        Path live = nuaa.resolve("live/0001_0001_00_00_02_5.jpg");
        Path print = nuaa.resolve("attack-print/0006_0006_00_00_01_381.jpg");
        assertTrue(score(engine, crop, live) < score(engine, crop, print), "crop alone: live below print");
        double t = PassiveFrameCheck.Config.CALIBRATED_THRESHOLD;
        assertTrue(LogOdds.of(score(engine, fused, live)) > LogOdds.of(score(engine, fused, print)) + 1,
                "fused: live " + score(engine, fused, live) + " vs print " + score(engine, fused, print));
        assertTrue(score(engine, fused, print) < t, "fused print " + score(engine, fused, print));

        try (OpenCvImage img = engine.decode(Files.readAllBytes(live)).image()) {
            BoundingBox box = engine.detectFaces(img).get(0).box();
            double c = crop.liveProbability(img, box);
            double f = fused.liveProbability(img, box);
            assertTrue(Math.abs(LogOdds.of(f) - LogOdds.of(c)) > 0.1, "the mirror changes this frame's score");
            assertEquals(f, fused.liveProbability(img, box, c), 1e-9, "at the threshold both views are scored");
            double far = LogOdds.probability(LogOdds.of(c) - PassiveLivenessModel.MIRROR_BAND - 0.5);
            assertEquals(c, fused.liveProbability(img, box, far), 1e-9, "far from the threshold the crop decides");
        }
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
