package com.facetrust.domain.recognition;

/** How an admitted attempt ended, for the attempt counters (A-5.7.5.1 e, A-5.7.3 d). */
public enum AttemptResult {
    /** A MATCH: resets the counter of that subject only — never another subject's, client's or address's. */
    SUCCESS,
    /** NO_MATCH, quality failure or wrong second factor: counts. */
    FAILURE,
    /** A presentation attack: counts, and weighs more (A-5.7.3 d). */
    ATTACK
}
