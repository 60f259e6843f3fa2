package com.facetrust.domain.face;

/**
 * Head pose in degrees. Conventions (checked by measurement, docs/models.md): yaw positive when the subject turns
 * to the image's right... see docs; pitch and roll likewise; 0/0/0 is frontal.
 */
public record HeadPose(double yaw, double pitch, double roll) {
}
