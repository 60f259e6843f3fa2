package com.facetrust.application.recognition;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Retries a store access that failed for a reason on the database's side (A-5.7.5.2 "database fault after N
 * retries"): each try runs in its own transaction (the caller passes a call to a transactional bean), a
 * {@link FaceTrustException} — an answer about the data, not a fault — is passed on at once, anything else is retried
 * {@code retries} times and then answered with DATABASE_FAULT (FT-9003, an ALARM).
 */
final class DatabaseRetry {
    private static final Logger LOG = Logger.getLogger(DatabaseRetry.class.getName());

    private DatabaseRetry() {
    }

    static <T> T call(String what, int retries, Supplier<T> access) {
        RuntimeException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                return access.get();
            } catch (RuntimeException e) {
                FaceTrustException answer = failureIn(e);
                if (answer != null) {
                    throw answer;
                }
                if (e instanceof jakarta.ejb.EJBAccessException) {
                    throw e; // a role refusal is not a database fault
                }
                last = e;
                int tried = attempt + 1;
                LOG.log(Level.WARNING, () -> what + ": database access failed (try " + tried + " of " + (retries + 1)
                        + "): " + e);
            }
        }
        throw new FaceTrustException(FailureCode.DATABASE_FAULT, what + ": the database failed after " + retries
                + " retries", List.of("retries:" + retries), last);
    }

    /** The FaceTrustException inside an exception (the EJB container may wrap it), or null. */
    static FaceTrustException failureIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof FaceTrustException f) {
                return f;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
