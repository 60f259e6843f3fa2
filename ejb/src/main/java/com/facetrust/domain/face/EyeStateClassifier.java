package com.facetrust.domain.face;

/** Says whether the eyes located by the landmarks are open. */
public interface EyeStateClassifier {
    EyeState classify(FaceImage image, Landmarks68 landmarks);
}
