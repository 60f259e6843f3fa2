package com.facetrust.domain.failure;

/**
 * Warnings and alarms as stored events (A-5.7.5.3): each raised event is stored, visible to operators in the API
 * and console, and logged (ALARM at SEVERE, WARNING at WARNING). The level is the failure code's
 * {@link FailureCode#eventLevel()}; codes of level NONE raise nothing. {@code target} is a pseudonym or masked
 * identifier, never personal data in clear. Commits in its own transaction. Implemented by a stateless EJB in
 * {@code com.facetrust.application.audit}.
 */
public interface SecurityEventLog {

    void raise(FailureCode code, String action, String target, String detail);
}
