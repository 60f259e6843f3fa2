package com.facetrust.application.lifecycle;

import com.facetrust.domain.identity.SubjectUid;

/**
 * Fired synchronously by {@link EnrolmentLedger} after the identity rows are written and before the biometric rows,
 * inside the same JTA transaction. Observers (the audit trail of issue 5) take part in that transaction: an observer
 * that throws rolls back both stores.
 *
 * @param referenceId the face reference about to be written for the subject
 */
public record SubjectRecorded(SubjectUid uid, String referenceId) {
}
