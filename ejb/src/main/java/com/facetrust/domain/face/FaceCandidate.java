package com.facetrust.domain.face;

/** A detector hit before landmarks: the box and the detector's face probability (0..1). */
public record FaceCandidate(BoundingBox box, double score) {
}
