package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.DetectedFace;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.face.QualityCheck;
import com.facetrust.domain.face.QualityProfile;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Quality reasons fire on degraded copies made by the test from a good real photo (A-5.4, D-6.1.3): blurred,
 * darkened, rotated 40°, cropped, downscaled. The original passes every enforced check of the enrolment profile,
 * and each copy fails with the reason that names what was done to it.
 */
class QualityJudgementTest {
    private static final String GOOD = "deepface/id0/img1.jpg";

    private static FaceAnalysis analyze(Function<OpenCvImage, Mat> degrade) {
        FaceEngine engine = SharedEngine.get();
        try (OpenCvImage img = engine.decode(TestImages.read(TestImages.faces(GOOD))).image()) {
            if (degrade == null) {
                return engine.analyze(img, AnalysisOptions.enrolment());
            }
            try (OpenCvImage copy = new OpenCvImage(degrade.apply(img))) {
                return engine.analyze(copy, AnalysisOptions.enrolment());
            }
        }
    }

    private static DetectedFace face(OpenCvImage img) {
        return SharedEngine.get().detectFaces(img).get(0);
    }

    private static void assertFailsWith(FaceAnalysis a, String reason) {
        assertFalse(a.quality().acceptable(), "degraded copy must be refused");
        assertTrue(a.quality().failedReasons().contains(reason),
                "expected " + reason + " among " + a.quality().failedReasons());
        QualityCheck c = a.quality().check(reason).orElseThrow();
        assertFalse(c.passed());
        assertTrue(c.describe().startsWith(reason + ":"), c.describe());
    }

    @Test
    void theOriginalPassesEveryEnforcedCheck() {
        FaceAnalysis a = analyze(null);
        assertTrue(a.quality().acceptable(), "failed: " + a.quality().failedReasons());
        assertEquals(QualityProfile.ALL_CHECKS.size(), a.quality().checks().size(), "every check is reported");
        assertDoesNotThrow(a::requireAcceptableQuality);
    }

    @Test
    void blurredCopyFailsSharpness() {
        FaceAnalysis a = analyze(img -> {
            double ipd = face(img).alignmentPoints().interpupillaryDistance();
            Mat out = new Mat();
            Imgproc.GaussianBlur(img.mat(), out, new Size(0, 0), 0.06 * ipd);
            return out;
        });
        assertFailsWith(a, QualityProfile.SHARPNESS);
    }

    @Test
    void darkenedCopyFailsBrightness() {
        FaceAnalysis a = analyze(img -> {
            Mat out = new Mat();
            img.mat().convertTo(out, -1, 0.2, 0);
            return out;
        });
        assertFailsWith(a, QualityProfile.BRIGHTNESS_LOW);
        FaceTrustException e = assertThrows(FaceTrustException.class, a::requireAcceptableQuality);
        assertEquals(FailureCode.QUALITY_INSUFFICIENT, e.failureCode());
        assertTrue(e.reasons().stream().anyMatch(r -> r.startsWith(QualityProfile.BRIGHTNESS_LOW)), e.reasons().toString());
    }

    @Test
    void rotatedCopyFailsRoll() {
        FaceAnalysis a = analyze(img -> {
            Point c = new Point(face(img).box().centre().x(), face(img).box().centre().y());
            Mat rot = Imgproc.getRotationMatrix2D(c, 40, 1.0);
            Mat out = new Mat();
            Imgproc.warpAffine(img.mat(), out, rot, img.mat().size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
            rot.release();
            return out;
        });
        assertFailsWith(a, QualityProfile.ROLL);
        assertTrue(a.pose().roll() > 30 || a.pose().roll() < -30, "roll " + a.pose().roll());
    }

    @Test
    void croppedCopyFailsCompleteness() {
        FaceAnalysis a = analyze(img -> {
            DetectedFace f = face(img);
            // cut the picture just below the mouth: the chin and jaw are outside the frame
            int bottom = (int) (f.alignmentPoints().mouthLeft().y() + 0.08 * f.box().height());
            return img.mat().submat(new Rect(0, 0, img.width(), bottom)).clone();
        });
        assertFailsWith(a, QualityProfile.COMPLETENESS);
    }

    @Test
    void downscaledCopyFailsInterpupillaryDistance() {
        FaceAnalysis a = analyze(img -> {
            double ipd = face(img).alignmentPoints().interpupillaryDistance();
            double scale = 15 / ipd; // eyes 15 px apart
            Mat out = new Mat();
            Imgproc.resize(img.mat(), out, new Size(img.width() * scale, img.height() * scale), 0, 0,
                    Imgproc.INTER_AREA);
            return out;
        });
        assertFailsWith(a, QualityProfile.INTERPUPILLARY_DISTANCE);
    }
}
