package com.facetrust.domain.identity;

/**
 * Where a subject is in its lifecycle. The database has a CHECK constraint on these names (V1 migration): adding a
 * status needs a migration too.
 */
public enum SubjectStatus {
    /** Enrolled or registered and usable. */
    ACTIVE,
    /** A deletion ground applies; the sweep deletes it before {@code deletionDueAt}. */
    DELETION_PENDING,
    /** Data destroyed; only an anonymised tombstone row remains so the audit trail stays meaningful. */
    DELETED
}
