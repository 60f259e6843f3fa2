package com.facetrust.domain.face;

import java.util.List;

/**
 * The five points the recogniser's alignment uses (A-5.3 rotation correction): eye centres, nose tip and mouth
 * corners, "left"/"right" as seen in the image (the subject's right eye is {@code leftEye}).
 */
public record AlignmentPoints(Point2 leftEye, Point2 rightEye, Point2 noseTip, Point2 mouthLeft, Point2 mouthRight) {
    public List<Point2> asList() {
        return List.of(leftEye, rightEye, noseTip, mouthLeft, mouthRight);
    }

    /** Interpupillary distance in pixels (D-7.4). */
    public double interpupillaryDistance() {
        return leftEye.distanceTo(rightEye);
    }

    /** In-plane rotation of the eye line in degrees (positive = clockwise in the image). */
    public double eyeLineAngleDegrees() {
        return Math.toDegrees(Math.atan2(rightEye.y() - leftEye.y(), rightEye.x() - leftEye.x()));
    }
}
