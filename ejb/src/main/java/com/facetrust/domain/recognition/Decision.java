package com.facetrust.domain.recognition;

/**
 * The answer of a recognition transaction: a decision, never a score. A subject that is unknown or
 * being deleted is answered {@link #NO_MATCH} like a non-match (A-5.7.5.3 a); operators get the warning.
 */
public enum Decision {
    MATCH,
    NO_MATCH,
    /** Risk-based step-up (D-8.1.4 c/d): no decision was taken; repeat with the subject's second factor. */
    STEP_UP_REQUIRED
}
