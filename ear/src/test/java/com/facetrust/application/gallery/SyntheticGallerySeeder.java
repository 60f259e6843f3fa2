package com.facetrust.application.gallery;

import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.identity.ConsentRecord;
import com.facetrust.domain.identity.Subject;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/**
 * Test-only (deployed in the test WAR): writes many synthetic enrolments for the gallery load benchmark — the same
 * entities the enrolment ledger writes (subject with its data key, consents, protected reference) into both XA
 * stores, but a batch per transaction and without the per-enrolment gallery event, so that 100 000 subjects are
 * written in minutes; the benchmark then reloads the gallery as a start does.
 */
@Stateless
@PermitAll
public class SyntheticGallerySeeder {

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @PersistenceContext(unitName = "biometric")
    EntityManager biometric;

    /** One synthetic enrolment. */
    public record Enrolment(Subject subject, List<ConsentRecord> consents, FaceReference reference) {
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void write(List<Enrolment> batch) {
        for (Enrolment e : batch) {
            identity.persist(e.subject());
            e.consents().forEach(identity::persist);
            biometric.persist(e.reference());
        }
        identity.flush();
        biometric.flush();
        identity.clear();
        biometric.clear();
    }
}
