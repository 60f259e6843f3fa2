package com.facetrust.application.deletion;

import com.facetrust.application.audit.Audited;

import com.facetrust.application.enrolment.SubjectFieldCipher;
import com.facetrust.application.enrolment.SubjectRegistry;
import com.facetrust.application.gallery.FaceDataChanged;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import com.facetrust.domain.identity.ConsentPurpose;
import com.facetrust.domain.identity.ConsentRecord;
import com.facetrust.domain.identity.SubjectStatusChange;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import com.facetrust.domain.identity.Subject;
import com.facetrust.domain.identity.SubjectStatus;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The steps of the deletion sweep, each in its own transaction so one subject's failure never blocks the others.
 * Not reachable from the REST API (callers schedule deletion through the registry); the maintenance timer calls it
 * without a caller identity, hence {@code @PermitAll}.
 */
@Stateless
@PermitAll
public class SubjectDeletion {
    private static final Logger LOG = Logger.getLogger(SubjectDeletion.class.getName());

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @PersistenceContext(unitName = "biometric")
    EntityManager biometric;

    @EJB
    TemplateProtectionService keys;

    @Inject
    DeletionPolicy policy;

    @Inject
    Clock clock;

    @Inject
    RetentionPolicy retention;

    @Inject
    Instance<SecurityEventLog> eventLogs;

    /** A subject pending deletion, deleted or losing its face data leaves the 1:N gallery once this commits. */
    @Inject
    Event<FaceDataChanged> faceDataChanged;

    @Resource
    SessionContext context;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** History ground when the face-verification consent's storage period ended. */
    static final String FACE_CONSENT_EXPIRED = "FACE_CONSENT_EXPIRED";

    /**
     * Schedules deletion of active subjects whose privacy-policy consent's storage period has ended (A-7.3b) or who
     * were not used for the configured time (A-7.3e); schedules the deletion of the face data of subjects whose
     * face-verification consent's storage period ended while references remain (the subject stays, A-7.1b).
     * Returns how many subjects were scheduled (either way).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @Audited(action = "DELETION_SCHEDULE_BY_POLICY")
    public int scheduleByPolicy() {
        Instant now = clock.instant();
        int scheduled = 0;
        List<Subject> inactive = identity.createQuery("select s from Subject s where s.status = :active "
                        + "and s.lastUsedAt < :before", Subject.class)
                .setParameter("active", SubjectStatus.ACTIVE)
                .setParameter("before", policy.inactiveBefore(now))
                .getResultList();
        for (Subject s : inactive) {
            s.scheduleDeletion(now, policy.dueAt(now), DeletionGround.INACTIVITY.name(), SubjectStatusChange.SYSTEM);
            faceDataChanged.fire(FaceDataChanged.subject(s.uid().value(), "deletion-scheduled"));
            scheduled++;
        }
        for (Subject s : endedWithoutRenewal(ConsentPurpose.PRIVACY_POLICY, now)) {
            s.scheduleDeletion(now, policy.dueAt(now), DeletionGround.STORAGE_PERIOD_ENDED.name(),
                    SubjectStatusChange.SYSTEM);
            faceDataChanged.fire(FaceDataChanged.subject(s.uid().value(), "deletion-scheduled"));
            scheduled++;
        }
        for (Subject s : endedWithoutRenewal(ConsentPurpose.FACE_VERIFICATION, now)) {
            if (s.status() == SubjectStatus.ACTIVE && s.faceDeletionDueAt().isEmpty() && referenceCount(s) > 0) {
                s.scheduleFaceDeletion(now, policy.dueAt(now), FACE_CONSENT_EXPIRED, SubjectStatusChange.SYSTEM);
                faceDataChanged.fire(FaceDataChanged.subject(s.uid().value(), "face-deletion-scheduled"));
                scheduled++;
            }
        }
        return scheduled;
    }

    /** Active subjects with a consent of the purpose whose storage period ended and no effective one of it. */
    private List<Subject> endedWithoutRenewal(ConsentPurpose purpose, Instant now) {
        return identity.createQuery("select distinct c.subject from ConsentRecord c "
                        + "where c.subject.status = :active and c.purpose = :purpose and c.withdrawnAt is null "
                        + "and c.retainUntil <= :now and not exists (select e from ConsentRecord e "
                        + "where e.subject = c.subject and e.purpose = :purpose and e.withdrawnAt is null "
                        + "and (e.retainUntil is null or e.retainUntil > :now))", Subject.class)
                .setParameter("active", SubjectStatus.ACTIVE)
                .setParameter("purpose", purpose)
                .setParameter("now", now)
                .getResultList();
    }

    private long referenceCount(Subject s) {
        return biometric.createQuery("select count(r) from FaceReference r where r.pseudonym = :p", Long.class)
                .setParameter("p", keys.pseudonymizer().pseudonym(s.uid().value()))
                .getSingleResult();
    }

    /** UIDs of active subjects whose face data is due for deletion now. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> dueFaceDeletions() {
        return identity.createQuery("select s.uid from Subject s where s.status = :active "
                        + "and s.faceDeletionDueAt <= :now order by s.faceDeletionDueAt", String.class)
                .setParameter("active", SubjectStatus.ACTIVE)
                .setParameter("now", clock.instant())
                .getResultList();
    }

    /**
     * Deletes a subject's face data while the subject stays (face-verification consent ended; A-7.3a, A-7.1b). The
     * data key that encrypted the templates also encrypts the subject's other fields (personal data, TOTP secret,
     * password): those are moved to a fresh data key first, then, in the same XA transaction, the references are
     * deleted and the old key is recorded as retired. After the commit the sweep destroys the retired key
     * ({@link #destroyRetiredKey}) — from then on every copy of the templates is undecryptable (crypto-shredding).
     * If the transaction rolls back, the fresh key is destroyed and nothing changed.
     *
     * @return references deleted, or -1 when the subject's face data is not (or no longer) due
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @Audited(action = "FACE_DATA_DELETE", subjectParameter = 0)
    public int shredFaceData(String uid) {
        Optional<Subject> found = SubjectRegistry.lookUp(identity, uid, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (found.isEmpty() || found.get().status() != SubjectStatus.ACTIVE
                || found.get().faceDeletionDueAt().isEmpty() || found.get().faceDeletionDueAt().get().isAfter(now)) {
            return -1;
        }
        Subject subject = found.get();
        // A retired key from an earlier run whose destruction was not confirmed: destroy it now (idempotent).
        subject.retiredDataKeyId().ifPresent(keys.keyStore()::destroyDataKey);
        subject.retiredDataKeyDestroyed();
        Optional<UUID> old = subject.dataKeyId();
        UUID fresh = null;
        if (old.isPresent() && (subject.personalData().isPresent() || subject.secondFactor().isPresent()
                || subject.passwordCredential().isPresent())) {
            UUID created = keys.keyStore().createDataKey();
            fresh = created;
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status != Status.STATUS_COMMITTED) {
                        keys.keyStore().destroyDataKey(created); // never used by a committed row
                    }
                }
            });
            SubjectFieldCipher.rekey(subject, keys.keyStore().dataKey(old.get()), keys.keyStore().dataKey(created));
        }
        subject.faceDataShredded(fresh, now, SubjectStatusChange.SYSTEM);
        int references = biometric.createQuery("delete from FaceReference r where r.pseudonym = :p")
                .setParameter("p", keys.pseudonymizer().pseudonym(uid))
                .executeUpdate();
        identity.flush();
        biometric.flush();
        faceDataChanged.fire(FaceDataChanged.subject(uid, "face-data-deleted"));
        LOG.info(() -> "Subject " + uid + ": face data deleted (" + references + " reference(s)); other fields "
                + "moved to a fresh data key, the old key is retired for destruction");
        return references;
    }

    /** UIDs of subjects with a retired data key still to destroy. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> subjectsWithRetiredKeys() {
        return identity.createQuery("select s.uid from Subject s where s.retiredDataKeyId is not null", String.class)
                .getResultList();
    }

    /** Destroys the subject's retired data key (crypto-shredding of its old templates) and forgets its id. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @Audited(action = "DATA_KEY_DESTROY", subjectParameter = 0)
    public boolean destroyRetiredKey(String uid) {
        Optional<Subject> found = SubjectRegistry.lookUp(identity, uid, LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty() || found.get().retiredDataKeyId().isEmpty()) {
            return false;
        }
        Subject subject = found.get();
        keys.keyStore().destroyDataKey(subject.retiredDataKeyId().get());
        subject.retiredDataKeyDestroyed();
        identity.flush();
        return true;
    }

    /**
     * Enforces the retention of each data kind ({@link RetentionPolicy}, A-7.4c) on what no deletion ground has
     * removed yet: old face references, personal data of long-unused subjects, ended consent records, old
     * tombstones with their history. One transaction over both stores.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @Audited(action = "RETENTION")
    public RetentionReport applyRetention() {
        Instant now = clock.instant();
        int references = biometric.createQuery("delete from FaceReference r where r.createdAt < :before")
                .setParameter("before", now.minus(retention.of(RetentionPolicy.DataKind.FACE_REFERENCES)))
                .executeUpdate();
        List<Subject> stale = identity.createQuery("select s from Subject s where s.status <> :deleted "
                        + "and s.personalData is not null and s.lastUsedAt < :before", Subject.class)
                .setParameter("deleted", SubjectStatus.DELETED)
                .setParameter("before", now.minus(retention.of(RetentionPolicy.DataKind.PERSONAL_DATA)))
                .getResultList();
        stale.forEach(s -> s.setPersonalData(null));
        Instant consentsBefore = now.minus(retention.of(RetentionPolicy.DataKind.CONSENT_RECORDS));
        int consents = identity.createQuery("delete from ConsentRecord c where (c.withdrawnAt is not null "
                        + "and c.withdrawnAt < :before) or (c.withdrawnAt is null and c.retainUntil < :before)")
                .setParameter("before", consentsBefore)
                .executeUpdate();
        Instant tombstonesBefore = now.minus(retention.of(RetentionPolicy.DataKind.TOMBSTONES));
        List<Long> old = identity.createQuery("select s.id from Subject s where s.status = :deleted "
                        + "and s.deletedAt < :before", Long.class)
                .setParameter("deleted", SubjectStatus.DELETED)
                .setParameter("before", tombstonesBefore)
                .getResultList();
        if (!old.isEmpty()) {
            identity.createQuery("delete from SubjectStatusChange h where h.subject.id in :ids")
                    .setParameter("ids", old).executeUpdate();
            identity.createQuery("delete from Subject s where s.id in :ids").setParameter("ids", old)
                    .executeUpdate();
        }
        // Security events past their retention; an ALARM nobody acknowledged stays until a person has seen it.
        int events = identity.createQuery("delete from SecurityEvent e where e.raisedAt < :before "
                        + "and (e.acknowledgedAt is not null or e.level <> :alarm)")
                .setParameter("before", now.minus(retention.of(RetentionPolicy.DataKind.SECURITY_EVENTS)))
                .setParameter("alarm", com.facetrust.domain.audit.SecurityEvent.Level.ALARM)
                .executeUpdate();
        identity.flush();
        biometric.flush();
        RetentionReport report = new RetentionReport(references, stale.size(), consents, old.size(), events);
        if (references > 0 || consents > 0) {
            faceDataChanged.fire(FaceDataChanged.everything("retention"));
        }
        if (report.total() > 0) {
            LOG.info(() -> "Retention (A-7.4c): " + report);
        }
        return report;
    }

    /**
     * The service is stopped (A-7.3d): every subject not yet deleted is scheduled for deletion now (ground
     * SERVICE_STOPPED, due after the grace period); the sweep then deletes them. Returns how many were scheduled.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @Audited(action = "SERVICE_STOP")
    public int scheduleAllForServiceStop() {
        Instant now = clock.instant();
        List<Subject> all = identity.createQuery("select s from Subject s where s.status <> :deleted", Subject.class)
                .setParameter("deleted", SubjectStatus.DELETED)
                .getResultList();
        String by = SubjectRegistry.actor(context);
        all.forEach(s -> s.scheduleDeletion(now, policy.dueAt(now), DeletionGround.SERVICE_STOPPED.name(), by));
        faceDataChanged.fire(FaceDataChanged.everything("service-stopped"));
        LOG.warning(() -> "Service stopped: deletion of " + all.size() + " subject(s) scheduled (A-7.3d)");
        return all.size();
    }

    /** UIDs of subjects whose deletion is due now. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> dueSubjects() {
        return identity.createQuery("select s.uid from Subject s where s.status = :pending "
                        + "and s.deletionDueAt <= :now order by s.deletionDueAt", String.class)
                .setParameter("pending", SubjectStatus.DELETION_PENDING)
                .setParameter("now", clock.instant())
                .getResultList();
    }

    /**
     * Deletes one subject for real (A-7.3, D-8.2.5g): the data key is destroyed FIRST — from then on every copy of
     * the subject's templates (backups, replicas, dumps) is undecryptable — then, in one XA transaction, the face
     * references (biometric store) and the consents go, and the subject row becomes an anonymised tombstone (random
     * UID, status, ground, dates). If the transaction fails after the key is gone, the subject stays pending and the
     * next sweep finishes the rows; the key destruction is idempotent.
     *
     * @return false when the subject is not (or no longer) pending deletion
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @Audited(action = "DELETE", subjectParameter = 0)
    public boolean delete(String uid) {
        Optional<Subject> found = SubjectRegistry.lookUp(identity, uid, LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty() || found.get().status() != SubjectStatus.DELETION_PENDING) {
            return false;
        }
        Subject subject = found.get();
        Optional<UUID> dataKey = subject.dataKeyId();
        dataKey.ifPresent(keys.keyStore()::destroyDataKey);

        int references = biometric.createQuery("delete from FaceReference r where r.pseudonym = :p")
                .setParameter("p", keys.pseudonymizer().pseudonym(uid))
                .executeUpdate();
        List<ConsentRecord> consents = identity.createQuery("select c from ConsentRecord c where c.subject = :s",
                        ConsentRecord.class)
                .setParameter("s", subject)
                .getResultList();
        consents.forEach(identity::remove);
        Instant now = clock.instant();
        Optional<UUID> retired = subject.retiredDataKeyId();
        retired.ifPresent(keys.keyStore()::destroyDataKey);
        subject.markDeleted(now, SubjectStatusChange.SYSTEM);
        identity.flush();
        biometric.flush();
        faceDataChanged.fire(FaceDataChanged.subject(uid, "deleted"));
        if (now.isAfter(subject.deletionDueAt().plus(DeletionPolicy.DELETION_SLA))) {
            String detail = "deleted after the 15-day limit (due " + subject.deletionDueAt() + ")";
            if (eventLogs.isResolvable()) {
                eventLogs.get().raise(FailureCode.DELETION_OVERDUE, "SUBJECT_DELETE",
                        keys.pseudonymizer().pseudonym(uid), detail);
            } else {
                LOG.severe(() -> "ALARM subject " + uid + " " + detail);
            }
        }
        LOG.info(() -> "Subject " + uid + " deleted (ground " + subject.deletionGround().orElse("?") + "): data key "
                + (dataKey.isPresent() ? "destroyed" : "none") + ", " + references + " face reference(s), "
                + consents.size() + " consent record(s) removed; tombstone kept");
        return true;
    }

}
