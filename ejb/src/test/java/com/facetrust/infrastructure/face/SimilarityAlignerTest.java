package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.AlignmentPoints;
import com.facetrust.domain.face.Point2;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The least-squares similarity alignment (A-5.3 rotation correction, uniform size). */
class SimilarityAlignerTest {

    static AlignmentPoints transformed(double angleDeg, double scale, double dx, double dy) {
        double a = Math.toRadians(angleDeg);
        List<Point2> p = new ArrayList<>();
        for (double[] r : SimilarityAligner.REFERENCE) {
            p.add(new Point2(scale * (Math.cos(a) * r[0] - Math.sin(a) * r[1]) + dx,
                    scale * (Math.sin(a) * r[0] + Math.cos(a) * r[1]) + dy));
        }
        return new AlignmentPoints(p.get(0), p.get(1), p.get(2), p.get(3), p.get(4));
    }

    @Test
    void undoesRotationScaleAndShiftExactly() {
        AlignmentPoints pts = transformed(40, 3.5, 200, -50);
        double[] m = SimilarityAligner.transform(pts.asList());
        // m = [[a, -b, tx], [b, a, ty]] with a = cos(-40°)/3.5, b = sin(-40°)/3.5
        assertEquals(Math.cos(Math.toRadians(-40)) / 3.5, m[0], 1e-9);
        assertEquals(Math.sin(Math.toRadians(-40)) / 3.5, m[3], 1e-9);
        assertEquals(0, new SimilarityAligner().alignmentResidual(pts), 1e-9, "a pure similarity leaves no residual");
    }

    @Test
    void distortedGeometryLeavesAResidual() {
        AlignmentPoints p = transformed(0, 2, 0, 0);
        AlignmentPoints squashed = new AlignmentPoints(p.leftEye(), p.rightEye(), p.noseTip(),
                new Point2(p.mouthLeft().x(), p.noseTip().y() + 5), new Point2(p.mouthRight().x(), p.noseTip().y() + 5));
        assertTrue(new SimilarityAligner().alignmentResidual(squashed) > 0.1);
    }

    @Test
    void degeneratePointsAreACodedFailure() {
        Point2 same = new Point2(10, 10);
        FaceTrustException e = assertThrows(FaceTrustException.class, () -> new SimilarityAligner()
                .alignmentResidual(new AlignmentPoints(same, same, same, same, same)));
        assertEquals(FailureCode.FEATURE_EXTRACTION_FAILED, e.failureCode());
    }
}
