package com.facetrust.application.enrolment;

import com.facetrust.domain.face.QualityCheck;
import com.facetrust.domain.face.QualityReport;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which evidence frame is enrolled when a request brings no image (issue 6; {@link EvidenceFrameChoice}). */
class EvidenceFrameChoiceTest {

    @Test
    void candidatesSpreadEvenlyOverTheEvidenceFirstAndLastIncluded() {
        assertEquals(List.of(0, 6, 13, 19, 25, 31, 38, 44), EvidenceFrameChoice.candidates(45, 8));
        assertEquals(List.of(0, 1, 2), EvidenceFrameChoice.candidates(3, 8), "fewer frames than the limit: all");
        assertEquals(List.of(0), EvidenceFrameChoice.candidates(45, 1));
        assertEquals(List.of(0, 1), EvidenceFrameChoice.candidates(2, 2));
        assertThrows(IllegalArgumentException.class, () -> EvidenceFrameChoice.candidates(0, 8));
    }

    /** yaw AT_MOST 25°, eyes_open AT_LEAST 0.3, an unenforced sharpness that must not matter. */
    private static QualityReport report(double yaw, double eyes, double sharpness) {
        return new QualityReport("enrolment", List.of(
                QualityCheck.of("yaw", yaw, 25, QualityCheck.Rule.AT_MOST, "deg", true, "face the camera"),
                QualityCheck.of("eyes_open", eyes, 0.3, QualityCheck.Rule.AT_LEAST, "p", true, "open your eyes"),
                QualityCheck.of("sharpness", sharpness, 80, QualityCheck.Rule.AT_LEAST, "lv", false, "hold still")));
    }

    @Test
    void theScoreIsTheSmallestRelativeMarginOverTheEnforcedChecks() {
        // yaw 5 of 25 → margin 0.8; eyes 0.9 vs 0.3 → margin 2: the smaller counts.
        assertEquals(0.8, EvidenceFrameChoice.score(report(5, 0.9, 1)), 1e-9);
        assertTrue(EvidenceFrameChoice.score(report(30, 0.9, 500)) < 0, "a failed check makes it negative");
        assertEquals(0, EvidenceFrameChoice.score(report(25, 0.9, 500)), 1e-12, "at the threshold passes with 0");
        assertEquals(Double.NEGATIVE_INFINITY, EvidenceFrameChoice.score(report(Double.NaN, 0.9, 500)));
    }

    @Test
    void theBestAcceptableFrameWinsElseTheOneClosestToPassing() {
        QualityReport turned = report(20, 0.9, 500);      // passes, margin 0.2
        QualityReport frontal = report(3, 0.8, 10);       // passes, margin 0.88; unenforced sharpness ignored
        QualityReport blinking = report(0, 0.1, 500);     // fails eyes
        assertEquals(1, EvidenceFrameChoice.best(List.of(turned, frontal, blinking)));
        assertEquals(0, EvidenceFrameChoice.best(List.of(turned, blinking)), "an acceptable frame beats a failing one");
        assertEquals(0, EvidenceFrameChoice.best(List.of(frontal, report(3, 0.8, 900))), "ties go to the earlier");

        QualityReport farTurned = report(60, 0.9, 500);   // fails yaw by 1.4
        QualityReport slightlyTurned = report(27, 0.9, 500); // fails yaw by 0.08
        assertEquals(2, EvidenceFrameChoice.best(Arrays.asList(null, farTurned, slightlyTurned)));
        assertEquals(-1, EvidenceFrameChoice.best(Arrays.asList(null, null)), "no face anywhere");
    }
}
