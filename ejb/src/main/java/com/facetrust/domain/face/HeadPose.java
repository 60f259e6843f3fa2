package com.facetrust.domain.face;

/**
 * Head pose in degrees, 0/0/0 = frontal. Sign conventions, checked by measurement against landmark geometry
 * (docs/models.md): yaw positive when the nose points towards the image's left; pitch positive when the chin is
 * raised (looking up); roll positive when the head is tilted clockwise in the image (the eye on the image's
 * right is lower).
 */
public record HeadPose(double yaw, double pitch, double roll) {
}
