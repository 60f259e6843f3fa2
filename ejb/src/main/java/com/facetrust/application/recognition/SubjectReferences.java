package com.facetrust.application.recognition;

import com.facetrust.application.enrolment.SubjectRegistry;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.identity.ConsentPurpose;
import com.facetrust.domain.identity.ConsentRecord;
import com.facetrust.domain.identity.Subject;
import com.facetrust.domain.identity.SubjectStatus;
import com.facetrust.domain.identity.SubjectUid;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store side of recognition, each method one short transaction so {@link DatabaseRetry} can repeat it: the
 * claimed subject with its protected references (identity store: status and consent; biometric store: the rows by
 * pseudonym), and the last-use stamp after a MATCH (A-7.3 e: one year without use schedules deletion).
 */
@Stateless
@RolesAllowed({FaceTrustRoles.VERIFY, FaceTrustRoles.IDENTIFY, FaceTrustRoles.OPERATOR})
public class SubjectReferences {

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @PersistenceContext(unitName = "biometric")
    EntityManager biometric;

    @EJB
    TemplateProtectionService keys;

    /**
     * The subject a verification claims. Unknown, not ACTIVE (deletion pending or done), without an effective
     * FACE_VERIFICATION consent (D-8.2.5 a) or without references → unavailable with a reason for operators.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ClaimedSubject claimed(String uid, Instant now) {
        String pseudonym = SubjectUid.isWellFormed(uid) ? keys.pseudonymizer().pseudonym(uid) : null;
        if (pseudonym == null) {
            return ClaimedSubject.unavailable(null, "uid.malformed");
        }
        Optional<Subject> found = SubjectRegistry.lookUp(identity, uid, LockModeType.NONE);
        if (found.isEmpty()) {
            return ClaimedSubject.unavailable(pseudonym, "subject.unknown");
        }
        Subject subject = found.get();
        if (subject.status() != SubjectStatus.ACTIVE) {
            return ClaimedSubject.unavailable(pseudonym, "subject." + subject.status());
        }
        List<ConsentRecord> consents = identity.createQuery(
                        "select c from ConsentRecord c where c.subject = :s and c.purpose = :p", ConsentRecord.class)
                .setParameter("s", subject)
                .setParameter("p", ConsentPurpose.FACE_VERIFICATION)
                .getResultList();
        if (consents.stream().noneMatch(c -> c.isEffectiveAt(now))) {
            return ClaimedSubject.unavailable(pseudonym, "consent.FACE_VERIFICATION");
        }
        List<ClaimedSubject.StoredReference> references = biometric.createQuery(
                        "select r from FaceReference r where r.pseudonym = :p order by r.createdAt, r.id",
                        FaceReference.class)
                .setParameter("p", pseudonym)
                .getResultList().stream()
                .map(r -> new ClaimedSubject.StoredReference(r.referenceId(), r.pseudonym(), r.protectionDomain(),
                        r.keyVersion(), r.template()))
                .toList();
        if (references.isEmpty()) {
            return ClaimedSubject.unavailable(pseudonym, "references.none");
        }
        return ClaimedSubject.usable(pseudonym, references, subject.lastUsedAt());
    }

    /** Stamps the subject's last use after a MATCH; a subject no longer ACTIVE is left alone. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean markUsed(String uid, Instant now) {
        Optional<Subject> found = SubjectRegistry.lookUp(identity, uid, LockModeType.NONE);
        if (found.isEmpty() || found.get().status() != SubjectStatus.ACTIVE) {
            return false;
        }
        found.get().markUsed(now);
        identity.flush();
        return true;
    }
}
