package com.facetrust.application.gallery;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Applies {@link FaceDataChanged} to the gallery after, and only after, the firing transaction committed (issue 5:
 * "updated only after the enclosing transaction commits"). A rolled-back transaction never reaches here. Outside a
 * transaction CDI calls the observer at once, which is what a non-transactional caller wants too.
 *
 * <p>Runs in the committing thread, so when the REST call that enrolled a subject returns, the gallery already
 * has the new references.
 */
@ApplicationScoped
public class GalleryChangeObserver {

    @EJB
    FaceGalleryService gallery;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) FaceDataChanged change) {
        gallery.apply(change);
    }
}
