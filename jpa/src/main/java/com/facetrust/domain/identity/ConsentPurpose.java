package com.facetrust.domain.identity;

/**
 * What a consent covers. Face processing needs its own, separate consent (A-7.1a, C-6.1.1, D-8.2.2c); the privacy
 * policy consent alone (A-5.1a) is enough for the non-face way in (A-7.1b, B-5.5.2).
 */
public enum ConsentPurpose {
    /** Privacy policy and terms of service: needed for any subject (A-5.1a). */
    PRIVACY_POLICY,
    /** Collecting face data and 1:1 verification against the subject's own references. */
    FACE_VERIFICATION,
    /** Being searched for in 1:N identification. */
    FACE_IDENTIFICATION
}
