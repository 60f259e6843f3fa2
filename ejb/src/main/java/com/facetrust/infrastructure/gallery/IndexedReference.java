package com.facetrust.infrastructure.gallery;

import java.util.Objects;

/**
 * One opened reference for the index: its id (32 hex digits, as the biometric store keeps it), the domain key
 * version it is protected under and its protected-space vector (the index copies it; the caller clears its own).
 */
public record IndexedReference(String referenceId, int keyVersion, float[] vector) {
    public IndexedReference {
        Objects.requireNonNull(referenceId, "referenceId");
        Objects.requireNonNull(vector, "vector");
        if (keyVersion < 1) {
            throw new IllegalArgumentException("key versions start at 1");
        }
    }
}
