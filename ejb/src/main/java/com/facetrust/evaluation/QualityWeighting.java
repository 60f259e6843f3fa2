package com.facetrust.evaluation;

/**
 * How much an enrolment image counts in quality-aware fusion (a weighted mean of the two enrolment embeddings).
 * Each weight is positive; missing measures count as 1.
 */
public enum QualityWeighting {
    /** Every image counts the same (the plain mean). */
    NONE,
    /** The detector's face probability. */
    DETECTION_SCORE,
    /** Interpupillary distance in pixels, capped at 60 (D-7.4's minimum): small faces count less. */
    INTERPUPILLARY_DISTANCE,
    /** Sharpness (variance of the Laplacian on the aligned face), square-rooted to tame its range. */
    SHARPNESS,
    /** Interpupillary distance term times a frontal-pose term cos(yaw)·cos(pitch). */
    SIZE_AND_POSE;

    public double weight(ImageOutcome o) {
        double w = switch (this) {
            case NONE -> 1;
            case DETECTION_SCORE -> o.measure("detection_score");
            case INTERPUPILLARY_DISTANCE -> Math.min(60, o.measure("interpupillary_distance")) / 60;
            case SHARPNESS -> Math.sqrt(o.measure("sharpness"));
            case SIZE_AND_POSE -> Math.min(60, o.measure("interpupillary_distance")) / 60
                    * Math.cos(Math.toRadians(Math.min(89, Math.abs(o.measure("yaw")))))
                    * Math.cos(Math.toRadians(Math.min(89, Math.abs(o.measure("pitch")))));
        };
        return Double.isNaN(w) || w <= 0 ? 1e-3 : w;
    }
}
