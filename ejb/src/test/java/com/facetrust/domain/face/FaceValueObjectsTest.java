package com.facetrust.domain.face;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The engine's value objects: embeddings, boxes, the main-face rule, quality checks and profiles. */
class FaceValueObjectsTest {

    @Test
    void embeddingsAreNormalisedAndCosineIsTheDotProduct() {
        Embedding a = Embedding.ofRaw(new float[]{3, 4, 0});
        Embedding b = Embedding.ofRaw(new float[]{0, 8, 6});
        assertArrayEquals(new float[]{0.6f, 0.8f, 0}, a.values(), 1e-6f);
        assertEquals(0.64, a.cosine(b), 1e-6);
        assertEquals(1.0, a.cosine(a), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Embedding.ofRaw(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> Embedding.ofRaw(new float[]{Float.NaN, 1}));
        assertThrows(IllegalArgumentException.class, () -> a.cosine(Embedding.ofRaw(new float[]{1, 1})));
        Embedding m = Embedding.mean(a, b);
        assertEquals(1.0, m.cosine(m), 1e-6);
        assertTrue(m.cosine(a) > a.cosine(b) && m.cosine(b) > a.cosine(b));
        assertFalse(a.toString().contains("0.6"), "no biometric values in logs");
        a.wipe();
        assertArrayEquals(new float[3], a.values());
    }

    @Test
    void boxesMeasureOverlapAndCompleteness() {
        BoundingBox a = new BoundingBox(0, 0, 10, 10);
        BoundingBox b = new BoundingBox(5, 0, 15, 10);
        assertEquals(50.0 / 150.0, a.iou(b), 1e-9);
        assertEquals(0, a.iou(new BoundingBox(20, 20, 30, 30)));
        assertEquals(0.5, new BoundingBox(-5, 0, 5, 10).fractionInside(100, 100), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new BoundingBox(10, 0, 0, 10));
    }

    @Test
    void mainFaceRuleWeighsScoreSizeAndCentrality() {
        int w = 1000, h = 1000;
        FaceCandidate central = new FaceCandidate(new BoundingBox(450, 450, 550, 550), 0.99);
        FaceCandidate cornerBigger = new FaceCandidate(new BoundingBox(0, 0, 120, 120), 0.99);
        double largest = cornerBigger.box().area();
        assertTrue(MainFaceRule.prominence(central, largest, w, h) > MainFaceRule.prominence(cornerBigger, largest, w, h),
                "a slightly smaller central face beats a bigger one in the corner");
        FaceCandidate tinyCentral = new FaceCandidate(new BoundingBox(490, 490, 510, 510), 0.99);
        FaceCandidate bigOffCentre = new FaceCandidate(new BoundingBox(600, 300, 900, 600), 0.99);
        double l2 = bigOffCentre.box().area();
        assertTrue(MainFaceRule.prominence(bigOffCentre, l2, w, h) > MainFaceRule.prominence(tinyCentral, l2, w, h),
                "a tiny central face does not beat a big one beside it");
        FaceCandidate weak = new FaceCandidate(central.box(), 0.5);
        assertTrue(MainFaceRule.prominence(weak, largest, w, h) < MainFaceRule.prominence(central, largest, w, h));
    }

    @Test
    void qualityChecksCompareAndDescribe() {
        QualityCheck ok = QualityCheck.of("sharpness", 120, 80, QualityCheck.Rule.AT_LEAST, "var", true, "focus");
        QualityCheck bad = QualityCheck.of("yaw", 31, 25, QualityCheck.Rule.AT_MOST, "deg", true, "look straight");
        QualityCheck reported = QualityCheck.of("mouth_open", 0.9, 0.45, QualityCheck.Rule.AT_MOST, "r", false, "x");
        QualityCheck nan = QualityCheck.of("x", Double.NaN, 1, QualityCheck.Rule.AT_MOST, "r", true, "x");
        assertTrue(ok.passed());
        assertFalse(bad.passed());
        assertFalse(nan.passed(), "an unmeasurable value never passes");
        QualityReport r = new QualityReport("enrolment", List.of(ok, bad, reported));
        assertFalse(r.acceptable());
        assertEquals(List.of("yaw"), r.failedReasons(), "not-enforced checks are reported, not failed");
        assertEquals("yaw: 31.000 > 25.000 deg — look straight", bad.describe());
        assertTrue(new QualityReport("p", List.of(ok, reported)).acceptable());
    }

    @Test
    void profilesAreNamedAndEnforceOnlyKnownChecks() {
        assertEquals("enrolment", QualityProfile.named("enrolment").name());
        assertEquals(QualityProfile.ALL_CHECKS, QualityProfile.capture().enforced());
        assertEquals(640, QualityProfile.capture().minImageWidth(), "D-7.4 verbatim");
        assertEquals(60, QualityProfile.capture().minInterpupillaryDistance(), "D-7.4 verbatim");
        assertThrows(IllegalArgumentException.class, () -> QualityProfile.named("lenient"));
        QualityProfile p = QualityProfile.verification();
        assertThrows(IllegalArgumentException.class, () -> new QualityProfile("x", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                1, 1, 1, 1, 1, 1, 1, Set.of("no_such_check")));
        assertTrue(p.isEnforced(QualityProfile.YAW));
        assertFalse(p.isEnforced(QualityProfile.EYES_OPEN));
    }

    @Test
    void landmarksGiveTheFiveAlignmentPointsAndMouthOpening() {
        List<Point2> pts = new ArrayList<>();
        for (int i = 0; i < 68; i++) {
            pts.add(new Point2(i, 0));
        }
        // eyes: 37,38,40,41 → x mean 39; 43,44,46,47 → 45; nose 30; mouth corners mean(48,60)=54, mean(54,64)=59
        AlignmentPoints a = new Landmarks68(pts).alignmentPoints();
        assertEquals(39, a.leftEye().x(), 1e-9);
        assertEquals(45, a.rightEye().x(), 1e-9);
        assertEquals(30, a.noseTip().x(), 1e-9);
        assertEquals(54, a.mouthLeft().x(), 1e-9);
        assertEquals(59, a.mouthRight().x(), 1e-9);
        assertEquals(6, a.interpupillaryDistance(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new Landmarks68(pts.subList(0, 5)));
    }
}
