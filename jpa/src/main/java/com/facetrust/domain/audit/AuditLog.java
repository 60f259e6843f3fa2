package com.facetrust.domain.audit;

/**
 * The append-only, hash-chained operation log. {@link #record} commits in its own transaction, so an
 * operation that fails and rolls back is still logged; the entry's principal, client and source address come from
 * the caller's context. Implemented by a stateless EJB in {@code com.facetrust.application.audit}.
 */
public interface AuditLog {

    /** Appends one entry; returns its sequence number. */
    long record(AuditRecord record);
}
