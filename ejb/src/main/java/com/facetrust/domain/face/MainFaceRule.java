package com.facetrust.domain.face;

/**
 * The documented rule that picks the main face when several are present (D-6.1.1f): a face's prominence is
 * <pre>
 *   prominence = score × sqrt(boxArea / largestBoxArea) × (1 − 0.5 × d)
 * </pre>
 * where d is the distance of the box centre from the image centre divided by half the image diagonal (0 at the
 * centre, 1 in a corner). Size enters through a square root and centrality halves at most, so neither a large
 * background face nor a small central one wins on one factor alone: box size alone once picked the wrong face.
 * The main face is the one with the highest prominence; the others are reported.
 */
public final class MainFaceRule {
    private MainFaceRule() {
    }

    public static double prominence(FaceCandidate face, double largestArea, int imageWidth, int imageHeight) {
        Point2 c = face.box().centre();
        double halfDiagonal = Math.hypot(imageWidth, imageHeight) / 2;
        double d = Math.min(1, Math.hypot(c.x() - imageWidth / 2.0, c.y() - imageHeight / 2.0) / halfDiagonal);
        double size = largestArea <= 0 ? 0 : Math.sqrt(face.box().area() / largestArea);
        return face.score() * size * (1 - 0.5 * d);
    }
}
