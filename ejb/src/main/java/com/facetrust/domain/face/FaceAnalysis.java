package com.facetrust.domain.face;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.util.List;
import java.util.Map;

/**
 * Everything the engine found in one image: the header, the main face and the others, the quality judgement of
 * the main face, its template (null when not requested), pose and eye state, and per-stage timings in ms.
 */
public record FaceAnalysis(ImageHeader image, DetectedFace mainFace, List<DetectedFace> otherFaces,
                           QualityReport quality, Embedding embedding, HeadPose pose, EyeState eyes,
                           Map<String, Double> stageMillis) {
    public FaceAnalysis {
        otherFaces = List.copyOf(otherFaces);
        stageMillis = Map.copyOf(stageMillis);
    }

    public int faceCount() {
        return 1 + otherFaces.size();
    }

    /** Throws QUALITY_INSUFFICIENT with every failed check as a reason unless the judgement accepts the face. */
    public FaceAnalysis requireAcceptableQuality() {
        if (!quality.acceptable()) {
            throw new FaceTrustException(FailureCode.QUALITY_INSUFFICIENT,
                    "face quality below the '" + quality.profile() + "' profile: " + quality.failedReasons(),
                    quality.failedChecks().stream().map(QualityCheck::describe).toList());
        }
        return this;
    }
}
