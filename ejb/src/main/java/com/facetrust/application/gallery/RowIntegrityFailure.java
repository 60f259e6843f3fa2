package com.facetrust.application.gallery;

/**
 * A stored reference row failed its integrity check while the gallery opened it (D-8.2.4e); the ALARM has already
 * been raised, the row is left out and the load goes on. No stack trace: it is a counted outcome, not an error.
 */
final class RowIntegrityFailure extends RuntimeException {
    RowIntegrityFailure() {
        super(null, null, false, false);
    }
}
