package com.facetrust.domain.face;

/** Probability that each eye is open (0..1), "left"/"right" as seen in the image. */
public record EyeState(double leftOpen, double rightOpen) {
    public double leastOpen() {
        return Math.min(leftOpen, rightOpen);
    }
}
