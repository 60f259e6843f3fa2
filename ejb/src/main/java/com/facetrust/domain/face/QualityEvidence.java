package com.facetrust.domain.face;

import java.util.List;

/**
 * What the quality judgement looks at for one face.
 *
 * @param image             the whole decoded image
 * @param alignedFace       the face after alignment; sharpness and lighting are measured on it so they do not
 *                          depend on the face's size in the image
 * @param face              the face judged
 * @param otherFaces        the other faces in the image
 * @param pose              head pose of the face
 * @param eyes              eye state of the face
 * @param alignmentResidual {@link FaceAligner#alignmentResidual} of the face's five points
 */
public record QualityEvidence(FaceImage image, FaceImage alignedFace, DetectedFace face, List<DetectedFace> otherFaces,
                              HeadPose pose, EyeState eyes, double alignmentResidual) {
}
