package com.facetrust.domain.face;

/** Locates the 68 landmarks of the face inside a detector box. */
public interface Landmarker {
    Landmarks68 locate(FaceImage image, BoundingBox box);
}
