package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.BoundingBox;
import com.facetrust.domain.face.DetectedFace;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.face.QualityProfile;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Detection on every face set, none on the blank image, and the main-face rule (D-6.1.1f) on group photos. */
class FaceDetectionTest {

    private static List<Path> missedFaces(List<Path> images) {
        FaceEngine engine = SharedEngine.get();
        List<Path> missed = new ArrayList<>();
        for (Path p : images) {
            try (OpenCvImage img = engine.decode(TestImages.read(p)).image()) {
                List<DetectedFace> faces = engine.detectFaces(img);
                if (faces.isEmpty()) {
                    missed.add(p);
                } else {
                    DetectedFace f = faces.get(0);
                    assertEquals(68, f.landmarks().points().size());
                    assertTrue(f.score() >= engine.config().detectionThreshold());
                    // the five points lie inside the box, in anatomical order
                    assertTrue(f.alignmentPoints().leftEye().x() < f.alignmentPoints().rightEye().x(), p.toString());
                    assertTrue(f.alignmentPoints().noseTip().y() < f.alignmentPoints().mouthLeft().y(), p.toString());
                }
            }
        }
        return missed;
    }

    @Test
    void findsAFaceInEveryDeepfaceImage() {
        List<Path> images = TestImages.imagesUnder(TestImages.faces("deepface"));
        assertEquals(61, images.size());
        assertEquals(List.of(), missedFaces(images));
    }

    @Test
    void findsAFaceInEveryGreyscaleBbtCrop() {
        List<Path> images = TestImages.imagesUnder(TestImages.faces("bbt"));
        assertEquals(40, images.size());
        assertEquals(List.of(), missedFaces(images));
    }

    @Test
    void findsAFaceInCelebaDevPhotos() {
        // two photos of each of the 100 identities keeps the test short; the evaluation tool covers all 771
        Map<Path, List<Path>> byIdentity = TestImages.imagesUnder(TestImages.faces("celeba-dev")).stream()
                .collect(Collectors.groupingBy(Path::getParent, TreeMap::new, Collectors.toList()));
        List<Path> sample = new ArrayList<>();
        byIdentity.values().forEach(l -> sample.addAll(l.subList(0, Math.min(2, l.size()))));
        assertTrue(sample.size() >= 150);
        assertEquals(List.of(), missedFaces(sample));
    }

    @Test
    void findsNoFaceOnTheBlankImage() {
        byte[] white = TestImages.read(TestImages.faces("scenes/noface/white.png"));
        FaceEngine engine = SharedEngine.get();
        try (OpenCvImage img = engine.decode(white).image()) {
            assertEquals(List.of(), engine.detectCandidates(img));
        }
        FaceTrustException e = assertThrows(FaceTrustException.class,
                () -> engine.analyze(white, AnalysisOptions.enrolment()));
        assertEquals(FailureCode.NO_FACE, e.failureCode());
    }

    @Test
    void groupPhotosReportEveryFaceAndPickTheCentralProminentOne() {
        FaceEngine engine = SharedEngine.get();
        for (Path p : TestImages.imagesUnder(TestImages.faces("scenes/group"))) {
            FaceAnalysis a = engine.analyze(TestImages.read(p), AnalysisOptions.enrolment());
            assertTrue(a.faceCount() >= 3, p + ": " + a.faceCount() + " faces");
            for (DetectedFace other : a.otherFaces()) {
                assertTrue(a.mainFace().prominence() >= other.prominence(), p.toString());
                assertTrue(a.mainFace().box().iou(other.box()) < 0.3, "NMS leaves no duplicate boxes");
            }
        }
        // bbt5.jpg: five people, one in the middle in front (looked at by eye)
        FaceAnalysis a = engine.analyze(TestImages.read(TestImages.faces("scenes/group/bbt5.jpg")),
                AnalysisOptions.enrolment());
        assertEquals(5, a.faceCount());
        double cx = a.mainFace().box().centre().x() / a.image().width();
        assertTrue(cx > 0.4 && cx < 0.6, "main face is the central one, at x = " + cx);
        assertTrue(a.mainFace().prominence() > 1.2 * a.otherFaces().get(0).prominence());
        // with the option set, a group photo with faces of similar prominence is refused
        FaceTrustException e = assertThrows(FaceTrustException.class, () -> engine.analyze(
                TestImages.read(TestImages.faces("scenes/group/bbt4.jpg")),
                new AnalysisOptions(QualityProfile.enrolment(), true, true)));
        assertEquals(FailureCode.MULTIPLE_FACES, e.failureCode());
    }

    @Test
    void mainFaceRuleIsNotBoxSizeAlone() {
        // a composite: the same face large near the corner and slightly smaller at the centre → the central one
        FaceEngine engine = SharedEngine.get();
        Path src = TestImages.faces("deepface/id0/img1.jpg");
        try (OpenCvImage img = engine.decode(TestImages.read(src)).image()) {
            BoundingBox b = engine.detectFaces(img).get(0).box();
            int side = (int) (Math.max(b.width(), b.height()) * 1.6);
            int x = (int) Math.max(0, b.centre().x() - side / 2.0), y = (int) Math.max(0, b.centre().y() - side / 2.0);
            side = Math.min(side, Math.min(img.width() - x, img.height() - y));
            Mat face = img.mat().submat(new Rect(x, y, side, side));
            Mat canvas = new Mat(900, 1200, img.mat().type(), new Scalar(128, 128, 128));
            Mat big = new Mat(), small = new Mat();
            Imgproc.resize(face, big, new Size(300, 300));
            Imgproc.resize(face, small, new Size(240, 240));
            big.copyTo(canvas.submat(new Rect(10, 10, 300, 300)));
            small.copyTo(canvas.submat(new Rect(480, 330, 240, 240)));
            try (OpenCvImage composite = new OpenCvImage(canvas)) {
                List<DetectedFace> faces = engine.detectFaces(composite);
                assertEquals(2, faces.size());
                DetectedFace main = faces.get(0);
                assertTrue(main.box().area() < faces.get(1).box().area(), "the main face is the smaller one");
                assertTrue(Math.abs(main.box().centre().x() - 600) < 60, "the main face is the central one");
            }
            big.release();
            small.release();
            face.release();
        }
    }
}
