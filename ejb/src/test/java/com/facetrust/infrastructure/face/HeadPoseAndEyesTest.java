package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.DetectedFace;
import com.facetrust.domain.face.EyeState;
import com.facetrust.domain.face.HeadPose;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The conventions documented in HeadPose and docs/models.md, checked on real photos: a mirror image negates yaw and
 * roll, turning the picture counter-clockwise makes roll negative, frontal portraits read near-level pitch (after
 * the measured offset), and open eyes read open.
 */
class HeadPoseAndEyesTest {
    /** A portrait with a clearly tilted (≈ 15°) and slightly turned head, so the signs are well above the noise. */
    private static final Path PHOTO = Path.of("deepface/id0/img11.jpg");

    private static HeadPose poseOf(Mat m) {
        try (OpenCvImage img = new OpenCvImage(m)) {
            FaceEngine engine = SharedEngine.get();
            DetectedFace f = engine.detectFaces(img).get(0);
            return engine.estimatePose(img, f);
        }
    }

    @Test
    void mirrorNegatesYawAndRollAndRotationMovesRoll() {
        FaceEngine engine = SharedEngine.get();
        try (OpenCvImage img = engine.decode(TestImages.read(TestImages.faces(PHOTO.toString()))).image()) {
            HeadPose original = poseOf(img.mat().clone());
            Mat mirror = new Mat();
            Core.flip(img.mat(), mirror, 1);
            HeadPose mirrored = poseOf(mirror);
            assertTrue(Math.abs(original.roll()) > 8 && Math.abs(original.yaw()) > 4, "test photo: " + original);
            assertEquals(-original.yaw(), mirrored.yaw(), 5, "yaw flips sign in the mirror");
            assertEquals(-original.roll(), mirrored.roll(), 5, "roll flips sign in the mirror");
            assertEquals(original.pitch(), mirrored.pitch(), 5, "pitch is unchanged by the mirror");

            DetectedFace f = engine.detectFaces(img).get(0);
            Mat rot = Imgproc.getRotationMatrix2D(new Point(f.box().centre().x(), f.box().centre().y()), 20, 1.0);
            Mat turned = new Mat();
            Imgproc.warpAffine(img.mat(), turned, rot, img.mat().size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
            rot.release();
            HeadPose tilted = poseOf(turned);
            // OpenCV's positive angle turns the picture counter-clockwise: the head's roll goes negative
            assertEquals(original.roll() - 20, tilted.roll(), 8, "roll follows an in-plane rotation");
        }
    }

    @Test
    void frontalPortraitsReadLevelAndEyesOpen() {
        FaceEngine engine = SharedEngine.get();
        List<Path> images = TestImages.imagesUnder(TestImages.faces("deepface"));
        double pitchSum = 0;
        int open = 0;
        for (Path p : images) {
            try (OpenCvImage img = engine.decode(TestImages.read(p)).image()) {
                DetectedFace f = engine.detectFaces(img).get(0);
                pitchSum += engine.estimatePose(img, f).pitch();
                EyeState eyes = engine.classifyEyes(img, f);
                open += eyes.meanOpen() >= 0.5 ? 1 : 0;
            }
        }
        double meanPitch = pitchSum / images.size();
        assertTrue(Math.abs(meanPitch) < 5, "mean pitch of frontal portraits after the offset: " + meanPitch);
        assertTrue(open >= images.size() * 0.9, open + " of " + images.size() + " portraits read eyes-open");
    }
}
