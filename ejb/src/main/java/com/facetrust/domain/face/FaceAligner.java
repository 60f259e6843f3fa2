package com.facetrust.domain.face;

/**
 * Geometric normalisation: a similarity transform (rotation, uniform scale, shift) that maps the five
 * alignment points onto the recogniser's reference layout, giving a face of uniform size.
 */
public interface FaceAligner {
    /** The aligned face crop (the recogniser's input size); the caller closes it. */
    FaceImage align(FaceImage image, AlignmentPoints points);

    /**
     * Root-mean-square distance between the transformed points and the reference, relative to the reference's
     * interpupillary distance: how far the face's geometry is from a frontal, undistorted face.
     */
    double alignmentResidual(AlignmentPoints points);
}
