package com.facetrust.application.enrolment;

import com.facetrust.application.audit.Audited;
import com.facetrust.application.gallery.FaceDataChanged;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.identity.ConsentPurpose;
import com.facetrust.domain.identity.ConsentRecord;
import com.facetrust.domain.identity.Subject;
import com.facetrust.domain.identity.SubjectStatus;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.infrastructure.persistence.UniqueViolation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional side of face references: every change touches both stores in ONE JTA transaction over the two
 * XA datasources — the subject row in the identity store (consent re-checked under a row lock, data key bound, last
 * use stamped) and the references in the biometric store — so no half-enrolled subject can exist (issue 4).
 *
 * <p>Consent is checked twice: by {@link #checkEnrolable} before any face data is processed (D-8.2.5a), and again
 * here under the subject's row lock, so a withdrawal that lands while the images are analysed still wins.
 */
@Stateless
@RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.ENROL})
public class ReferenceLedger {

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @PersistenceContext(unitName = "biometric")
    EntityManager biometric;

    @EJB
    TemplateProtectionService keys;

    @Inject
    EnrolmentSettings settings;

    @Inject
    Event<ReferencesWriting> referencesWriting;

    /** The 1:N gallery re-reads the subject after this transaction commits (never before, never on rollback). */
    @Inject
    Event<FaceDataChanged> faceDataChanged;

    @Inject
    Clock clock;

    /** What enrolment needs to know before touching any face data. */
    public record EnrolableSubject(String uid, Optional<UUID> dataKeyId) {
    }

    /**
     * Refuses with a code unless the subject exists, is active, has an effective face-verification consent and room
     * for {@code adding} more references. Called before any image is analysed (D-8.2.5a).
     */
    public EnrolableSubject checkEnrolable(String uid, int adding) {
        return checkEnrolable(uid, adding, false);
    }

    /** As {@link #checkEnrolable(String, int)}; when {@code replacing}, the existing references do not count. */
    public EnrolableSubject checkEnrolable(String uid, int adding, boolean replacing) {
        Subject subject = SubjectRegistry.findSubject(identity, uid, LockModeType.NONE);
        requireFaceConsent(subject, clock.instant());
        requireRoom(uid, adding, replacing);
        return new EnrolableSubject(uid, subject.dataKeyId());
    }

    /**
     * Writes new references of a subject: identity store first (consent re-checked under a row lock, data key bound,
     * last use), then the biometric store. All or nothing.
     */
    public List<ReferenceView> addReferences(String uid, UUID dataKeyId, List<FaceReference> references) {
        return addReferences(uid, dataKeyId, references, false);
    }

    /**
     * As {@link #addReferences(String, UUID, List)}; when {@code replacing}, the subject's existing references are
     * deleted in the same transaction (re-enrolment, D-5.3.3): the subject never has none, or both sets.
     */
    public List<ReferenceView> addReferences(String uid, UUID dataKeyId, List<FaceReference> references,
                                             boolean replacing) {
        Instant now = clock.instant();
        Subject subject = SubjectRegistry.findSubject(identity, uid, LockModeType.PESSIMISTIC_WRITE);
        requireFaceConsent(subject, now);
        String pseudonym = keys.pseudonymizer().pseudonym(uid);
        for (FaceReference r : references) {
            if (!r.pseudonym().equals(pseudonym)) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "a reference belongs to another subject");
            }
        }
        // Under the row lock: concurrent enrolments of one subject are serialised, so the cap holds.
        requireRoom(uid, references.size(), replacing);
        try {
            subject.assignDataKey(dataKeyId);
        } catch (IllegalStateException e) {
            throw new FaceTrustException(FailureCode.DATABASE_FAULT, "the subject got another data key meanwhile; "
                    + "enrol again", List.of(), e);
        }
        subject.markUsed(now);
        try {
            identity.flush();
        } catch (PersistenceException e) {
            throw new FaceTrustException(FailureCode.DATABASE_FAULT, "the identity store refused the write",
                    List.of(), e);
        }

        referencesWriting.fire(new ReferencesWriting(uid, references.size()));

        try {
            if (replacing) {
                biometric.createQuery("delete from FaceReference r where r.pseudonym = :p")
                        .setParameter("p", pseudonym)
                        .executeUpdate();
            }
            references.forEach(biometric::persist);
            biometric.flush();
            faceDataChanged.fire(FaceDataChanged.subject(uid, replacing ? "re-enrolment" : "enrolment"));
        } catch (PersistenceException e) {
            throw UniqueViolation.isCause(e)
                    ? new FaceTrustException(FailureCode.REFERENCE_DUPLICATE, "reference already recorded",
                            List.of(), e)
                    : new FaceTrustException(FailureCode.DATABASE_FAULT, "the biometric store refused the write",
                            List.of(), e);
        }
        return references.stream().map(ReferenceView::of).toList();
    }

    /** The subject's references (metadata only). */
    @Audited(action = "REFERENCES_READ", subjectParameter = 0)
    public List<ReferenceView> references(String uid) {
        SubjectRegistry.findSubject(identity, uid, LockModeType.NONE);
        return rows(uid).stream().map(ReferenceView::of).toList();
    }

    /** Removes one reference of the subject (D-6.2g). */
    @Audited(action = "REFERENCE_REMOVE", subjectParameter = 0)
    public void removeReference(String uid, String referenceId) {
        Subject subject = SubjectRegistry.findSubject(identity, uid, LockModeType.PESSIMISTIC_WRITE);
        if (subject.status() != SubjectStatus.ACTIVE) {
            throw SubjectRegistry.beingDeleted(subject);
        }
        subject.markUsed(clock.instant());
        identity.flush();
        int removed = biometric.createQuery("delete from FaceReference r where r.referenceId = :id "
                        + "and r.pseudonym = :p")
                .setParameter("id", referenceId)
                .setParameter("p", keys.pseudonymizer().pseudonym(uid))
                .executeUpdate();
        if (removed == 0) {
            throw new FaceTrustException(FailureCode.REFERENCE_UNKNOWN, "the subject has no such reference");
        }
        faceDataChanged.fire(FaceDataChanged.subject(uid, "reference-removed"));
    }

    /**
     * Opens every template of the subject and checks it still belongs to its row (D-8.2.4e, A-5.7.1c): the AES-GCM
     * tag over template, pseudonym, reference id and domain, and the row's key version against the header's.
     * Returns how many passed; throws {@code TEMPLATE_INTEGRITY_FAILED} (ALARM) naming the first row that failed, or
     * {@code TEMPLATE_KEY_DESTROYED} when the subject's key is gone.
     */
    @Audited(action = "TEMPLATE_CHECK", subjectParameter = 0)
    public int checkTemplates(String uid) {
        SubjectRegistry.findSubject(identity, uid, LockModeType.NONE);
        int ok = 0;
        for (FaceReference row : rows(uid)) {
            ProtectedTemplate template = ProtectedTemplate.decode(row.template());
            if (template.domainKeyVersion() != row.keyVersion()) {
                throw new FaceTrustException(FailureCode.TEMPLATE_INTEGRITY_FAILED, "reference " + row.referenceId()
                        + ": the row's key version differs from the template's", List.of("key-version-mismatch"));
            }
            TemplateBinding binding = new TemplateBinding(row.pseudonym(), row.referenceId(),
                    ApplicationDomain.of(row.protectionDomain()));
            float[] opened;
            try {
                opened = keys.protector().open(template, binding);
            } catch (FaceTrustException e) {
                throw new FaceTrustException(e.failureCode(), "reference " + row.referenceId() + ": "
                        + e.getMessage(), e.reasons(), e);
            }
            Arrays.fill(opened, 0f);
            ok++;
        }
        return ok;
    }

    private List<FaceReference> rows(String uid) {
        return biometric.createQuery("select r from FaceReference r where r.pseudonym = :p order by r.createdAt, "
                        + "r.id", FaceReference.class)
                .setParameter("p", keys.pseudonymizer().pseudonym(uid))
                .getResultList();
    }

    private void requireRoom(String uid, int adding, boolean replacing) {
        long existing = replacing ? 0 : biometric.createQuery(
                        "select count(r) from FaceReference r where r.pseudonym = :p", Long.class)
                .setParameter("p", keys.pseudonymizer().pseudonym(uid))
                .getSingleResult();
        if (existing + adding > settings.maxReferences()) {
            throw new FaceTrustException(FailureCode.TOO_MANY_REFERENCES, "the subject has " + existing
                    + " of at most " + settings.maxReferences() + " references",
                    List.of("existing:" + existing, "max:" + settings.maxReferences()));
        }
    }

    /** D-8.2.5a: no face data is processed without an effective face-verification consent. */
    private void requireFaceConsent(Subject subject, Instant now) {
        if (subject.status() == SubjectStatus.DELETED) {
            throw SubjectRegistry.beingDeleted(subject);
        }
        List<ConsentRecord> face = SubjectRegistry.consentsOf(identity, subject).stream()
                .filter(c -> c.purpose() == ConsentPurpose.FACE_VERIFICATION).toList();
        if (face.stream().anyMatch(c -> c.isEffectiveAt(now))) {
            if (subject.status() != SubjectStatus.ACTIVE) {
                throw SubjectRegistry.beingDeleted(subject);
            }
            if (subject.faceDeletionDueAt().isPresent()) {
                // Consent given again after a withdrawal: new references would be encrypted under the key the
                // pending shredding destroys, so enrolment waits for the sweep (at most the grace period).
                throw new FaceTrustException(FailureCode.FACE_DATA_BEING_DELETED, "the subject's face data is being "
                        + "deleted; enrol again after " + subject.faceDeletionDueAt().get(),
                        List.of("face-deletion-due:" + subject.faceDeletionDueAt().get()));
            }
            return;
        }
        if (face.stream().anyMatch(c -> c.withdrawnAt() != null)) {
            throw new FaceTrustException(FailureCode.CONSENT_WITHDRAWN, "the face-verification consent was "
                    + "withdrawn; no face data was processed", List.of("withdrawn:" + ConsentPurpose.FACE_VERIFICATION));
        }
        throw new FaceTrustException(FailureCode.CONSENT_MISSING, "no effective face-verification consent; no face "
                + "data was processed", List.of("missing:" + ConsentPurpose.FACE_VERIFICATION));
    }
}
