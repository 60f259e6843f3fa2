package com.facetrust.domain.recognition;

import com.facetrust.domain.protection.ApplicationDomain;

import java.util.List;

/**
 * The 1:N gallery of each application domain: the protected templates of every active subject, held in
 * memory, changed only after the enclosing transaction commits, so a search never sees uncommitted or deleted data.
 */
public interface FaceGallery {

    /**
     * The best {@code maxCandidates} references for a probe embedding (unit length, as the engine produced it, NOT
     * yet transformed: the gallery applies the domain's keyed transform itself), best first, at most one per subject.
     */
    List<GalleryCandidate> search(ApplicationDomain domain, float[] probeEmbedding, int maxCandidates);

    /** How many references the domain's gallery holds now. */
    int size(ApplicationDomain domain);
}
