package com.facetrust.domain.failure;

import jakarta.ejb.ApplicationException;

import java.util.List;

/**
 * A failure with its code from the failure table. Everything a caller can cause ends as one of these, so the
 * REST layer can answer with the code's HTTP status instead of a 500.
 *
 * <p>An EJB application exception that rolls back: thrown from a bean it reaches the caller as itself (not wrapped
 * in an EJBException, so the REST mapper sees the code) and the transaction — both stores — is rolled back.
 */
@ApplicationException(rollback = true)
public class FaceTrustException extends RuntimeException {
    private final FailureCode failureCode;
    private final List<String> reasons;

    public FaceTrustException(FailureCode failureCode, String message) {
        this(failureCode, message, List.of(), null);
    }

    public FaceTrustException(FailureCode failureCode, String message, List<String> reasons) {
        this(failureCode, message, reasons, null);
    }

    public FaceTrustException(FailureCode failureCode, String message, List<String> reasons, Throwable cause) {
        super(failureCode.code() + " " + message, cause);
        this.failureCode = failureCode;
        this.reasons = List.copyOf(reasons);
    }

    public FailureCode failureCode() { return failureCode; }

    /** Machine-readable reasons, e.g. the failed quality checks, so a client can tell the person what to fix. */
    public List<String> reasons() { return reasons; }
}
