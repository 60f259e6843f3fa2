package com.facetrust.domain.recognition;

import java.util.Objects;

/**
 * One candidate of a 1:N search, best first. The score is internal: the recognition service compares it with the
 * channel threshold and never returns it (A-5.7.4 c).
 */
public record GalleryCandidate(String uid, String referenceId, double score) {
    public GalleryCandidate {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(referenceId, "referenceId");
    }
}
