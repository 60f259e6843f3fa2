package com.facetrust.domain.face;

/** Probability that each eye is open (0..1), "left"/"right" as seen in the image. */
public record EyeState(double leftOpen, double rightOpen) {
    /**
     * Mean of the two probabilities: the quality check's measure. The eye model misreads single eyes on small or
     * turned faces (at 0.5 on the least-open eye 18 % of celeba-dev photos were judged "closed"), so both eyes
     * must look closed to fail.
     */
    public double meanOpen() {
        return (leftOpen + rightOpen) / 2;
    }

    public double leastOpen() {
        return Math.min(leftOpen, rightOpen);
    }
}
