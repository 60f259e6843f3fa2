package com.facetrust.application.enrolment;

import com.facetrust.domain.face.Embedding;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.infrastructure.face.CalibratedThresholds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live-face tie's threshold lookup and comparison (issue 6; {@link LiveFaceMatch}), on the shipped calibration. */
class LiveFaceMatchTest {
    private static final CalibratedThresholds CALIBRATION = CalibratedThresholds.fromClasspath();

    @Test
    void theTargetFarMapsToTheCalibratedThresholdLikeAChannel() {
        LiveFaceMatch m = LiveFaceMatch.forTargetFar(1e-3, CALIBRATION);
        assertTrue(m.conservative(), "the calibration reached the 1e-3 bound");
        assertEquals(CALIBRATION.threshold(1e-3, true).orElseThrow(), m.threshold());
        LiveFaceMatch strict = LiveFaceMatch.forTargetFar(1e-4, CALIBRATION);
        assertEquals(CALIBRATION.threshold(1e-4, true).orElseThrow(), strict.threshold());
        assertTrue(strict.threshold() > m.threshold());
        // 1e-5's conservative bound was not reached with 294197 impostor pairs: the point estimate is used.
        LiveFaceMatch strictest = LiveFaceMatch.forTargetFar(1e-5, CALIBRATION);
        assertFalse(strictest.conservative());
        assertEquals(CALIBRATION.threshold(1e-5, false).orElseThrow(), strictest.threshold());
    }

    @Test
    void anUncalibratedTargetIsNeverRoundedAndMakesEnrolmentWithEvidenceUnavailable() {
        for (double far : new double[] {5e-4, 1e-6, 0, 1, -1e-3, Double.NaN}) {
            FaceTrustException e = assertThrows(FaceTrustException.class,
                    () -> LiveFaceMatch.forTargetFar(far, CALIBRATION), "far " + far);
            assertEquals(FailureCode.CHANNEL_UNAVAILABLE, e.failureCode());
            assertEquals(List.of(LiveFaceMatch.FAR_KEY), e.reasons());
        }
    }

    @Test
    void everyFaceToEnrolMustMatchTheLiveFaceAndTheMismatchesAreNamedWithoutScores() {
        LiveFaceMatch m = new LiveFaceMatch(1e-3, 0.357, true);
        Embedding live = Embedding.ofRaw(new float[] {1, 0, 0});
        Embedding same = Embedding.ofRaw(new float[] {0.8f, 0.6f, 0}); // cosine 0.8
        Embedding atThreshold = Embedding.ofRaw(new float[] {0.357f, (float) Math.sqrt(1 - 0.357 * 0.357), 0});
        Embedding other = Embedding.ofRaw(new float[] {0.2f, 0, 0.98f}); // cosine ≈ 0.2

        assertDoesNotThrow(() -> m.requireSameFace(live, List.of(same), List.of("image 1")));
        assertTrue(live.cosine(atThreshold) >= 0.3569);

        FaceTrustException e = assertThrows(FaceTrustException.class, () -> m.requireSameFace(live,
                List.of(same, other, other), List.of("image 1", "image 2", "image 3")));
        assertEquals(FailureCode.LIVENESS_FACE_MISMATCH, e.failureCode());
        assertEquals(403, e.failureCode().httpStatus());
        assertEquals(List.of("image 2", "image 3"), e.reasons());
        assertFalse(e.getMessage().matches("(?s).*\\d\\.\\d.*"), "no score in the message: " + e.getMessage());
        assertTrue(e.getMessage().contains("nothing was enrolled"), e.getMessage());
    }
}
