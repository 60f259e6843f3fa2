package com.facetrust.domain.face;

/**
 * One face found in an image: detector box and score, the 68 landmarks, the five alignment points derived from
 * them, and the prominence used to choose the main face (see {@link MainFaceRule}).
 */
public record DetectedFace(BoundingBox box, double score, Landmarks68 landmarks, AlignmentPoints alignmentPoints,
                           double prominence) {
    public DetectedFace withProminence(double p) {
        return new DetectedFace(box, score, landmarks, alignmentPoints, p);
    }
}
