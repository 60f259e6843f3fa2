package com.facetrust.domain.face;

/**
 * What {@code analyze} should do.
 *
 * @param profile            quality profile to judge the main face by
 * @param computeEmbedding   whether to compute the template (skip for quality-only checks)
 * @param rejectAmbiguousFaces refuse with MULTIPLE_FACES when a second face is nearly as prominent as the main one
 *                           (profile's maxCompetingFaceRatio) instead of picking the main face
 */
public record AnalysisOptions(QualityProfile profile, boolean computeEmbedding, boolean rejectAmbiguousFaces) {
    public static AnalysisOptions enrolment() {
        return new AnalysisOptions(QualityProfile.enrolment(), true, false);
    }

    public static AnalysisOptions verification() {
        return new AnalysisOptions(QualityProfile.verification(), true, false);
    }

    public AnalysisOptions withProfile(QualityProfile p) {
        return new AnalysisOptions(p, computeEmbedding, rejectAmbiguousFaces);
    }
}
