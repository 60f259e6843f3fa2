/**
 * The 1:N gallery as a service (A-5.7.2, issue 5): {@link com.facetrust.application.gallery.FaceGalleryService}
 * implements {@link com.facetrust.domain.recognition.FaceGallery} over the in-memory index of
 * {@code com.facetrust.infrastructure.gallery}, loads it from both stores at start, and changes it only after a
 * transaction that touched face data or identification consent has committed ({@link
 * com.facetrust.application.gallery.FaceDataChanged}, observed AFTER_SUCCESS), so a search never sees uncommitted,
 * rolled-back, deregistered or deleted data.
 */
package com.facetrust.application.gallery;
