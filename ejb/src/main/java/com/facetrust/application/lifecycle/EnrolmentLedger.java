package com.facetrust.application.lifecycle;

import com.facetrust.application.gallery.FaceDataChanged;
import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.identity.ConsentRecord;
import com.facetrust.domain.identity.Subject;
import com.facetrust.infrastructure.persistence.UniqueViolation;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.util.List;

/**
 * Writes a new enrolment to both stores in ONE JTA transaction over the two XA datasources: the subject and its
 * consents to the identity store, the protected face reference to the biometric store. Either both stores have the
 * enrolment or neither does — never a half-enrolled subject (issue 4: "every write to both stores is one XA
 * transaction"). The caller (the enrolment service) has already generated the UID, derived the pseudonym and
 * protected the template; this bean only guarantees the all-or-nothing write.
 *
 * <p>Each store is flushed right after its rows are added, so a constraint violation surfaces here (as a coded
 * failure) and, when it is the biometric store that refuses, the identity rows already sent to the database must be
 * rolled back by the transaction manager — which is what the Arquillian XA test checks.
 */
@Stateless
public class EnrolmentLedger {

    @PersistenceContext(unitName = "identity")
    private EntityManager identity;

    @PersistenceContext(unitName = "biometric")
    private EntityManager biometric;

    @Inject
    private Event<SubjectRecorded> subjectRecorded;

    /** The 1:N gallery re-reads the subject after this transaction commits. */
    @Inject
    private Event<FaceDataChanged> faceDataChanged;

    /**
     * Records a new subject with its consents and first face reference.
     *
     * @throws FaceTrustException {@link FailureCode#SUBJECT_DUPLICATE} or {@link FailureCode#REFERENCE_DUPLICATE}
     *         (409) when the store already has that UID / reference id; {@link FailureCode#DATABASE_FAULT} when a
     *         store fails otherwise. The transaction is rolled back in every case (application exception).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void recordEnrolment(Subject subject, List<ConsentRecord> consents, FaceReference reference) {
        if (subject == null || consents == null || reference == null) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "subject, consents and reference are required");
        }
        for (ConsentRecord consent : consents) {
            if (consent.subject() != subject) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "a consent belongs to another subject");
            }
        }
        try {
            identity.persist(subject);
            consents.forEach(identity::persist);
            identity.flush();
        } catch (PersistenceException e) {
            throw storeFailure(e, FailureCode.SUBJECT_DUPLICATE, "identity");
        }

        subjectRecorded.fire(new SubjectRecorded(subject.uid(), reference.referenceId()));

        try {
            biometric.persist(reference);
            biometric.flush();
            faceDataChanged.fire(FaceDataChanged.subject(subject.uid().value(), "enrolment"));
        } catch (PersistenceException e) {
            throw storeFailure(e, FailureCode.REFERENCE_DUPLICATE, "biometric");
        }
    }

    private static FaceTrustException storeFailure(PersistenceException e, FailureCode duplicateCode, String store) {
        if (UniqueViolation.isCause(e)) {
            return new FaceTrustException(duplicateCode, "already recorded in the " + store + " store",
                    List.of(), e);
        }
        return new FaceTrustException(FailureCode.DATABASE_FAULT, "the " + store + " store refused the write",
                List.of(), e);
    }
}
