package com.facetrust.domain.face;

import java.util.List;

/** Finds every face: boxes and scores after non-maximum suppression, best score first. */
public interface FaceDetector {
    List<FaceCandidate> detect(FaceImage image);
}
