package com.facetrust.domain.face;

/** Estimates yaw, pitch and roll of the face in a box. */
public interface HeadPoseEstimator {
    HeadPose estimate(FaceImage image, BoundingBox box);
}
