package com.facetrust.domain.liveness;

/**
 * What a check concluded. INCONCLUSIVE means the evidence did not allow a judgement (too few frames, face lost, a
 * required action not seen): the caller must not pass it, but it is not proof of an attack either.
 */
public enum LivenessVerdict {
    LIVE, ATTACK, INCONCLUSIVE
}
