package com.facetrust.domain.face;

/** Judges a detected face against a quality profile, giving every check with its measured value and threshold. */
public interface QualityAssessor {
    QualityReport assess(QualityEvidence evidence, QualityProfile profile);
}
