package com.facetrust.application.deletion;

import com.facetrust.application.audit.Audited;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.identity.ConsentRecord;
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

    /**
     * Schedules deletion of active subjects whose consented storage period has ended (A-7.3b) or who were not used
     * for the configured time (A-7.3e). Returns how many were scheduled.
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
            s.scheduleDeletion(policy.dueAt(now), DeletionGround.INACTIVITY.name());
            scheduled++;
        }
        List<Subject> expired = identity.createQuery("select distinct c.subject from ConsentRecord c "
                        + "where c.subject.status = :active and c.withdrawnAt is null and c.retainUntil <= :now",
                        Subject.class)
                .setParameter("active", SubjectStatus.ACTIVE)
                .setParameter("now", now)
                .getResultList();
        for (Subject s : expired) {
            s.scheduleDeletion(policy.dueAt(now), DeletionGround.STORAGE_PERIOD_ENDED.name());
            scheduled++;
        }
        return scheduled;
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
        all.forEach(s -> s.scheduleDeletion(policy.dueAt(now), DeletionGround.SERVICE_STOPPED.name()));
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
        List<Subject> found = identity.createQuery("select s from Subject s where s.uid = :uid", Subject.class)
                .setParameter("uid", uid)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (found.isEmpty() || found.get(0).status() != SubjectStatus.DELETION_PENDING) {
            return false;
        }
        Subject subject = found.get(0);
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
        subject.markDeleted(now);
        identity.flush();
        biometric.flush();
        if (now.isAfter(subject.deletionDueAt().plus(DeletionPolicy.DELETION_SLA))) {
            LOG.severe(() -> "ALARM deletion of subject " + uid + " happened after the 15-day limit (due "
                    + subject.deletionDueAt() + ")");
        }
        LOG.info(() -> "Subject " + uid + " deleted (ground " + subject.deletionGround().orElse("?") + "): data key "
                + (dataKey.isPresent() ? "destroyed" : "none") + ", " + references + " face reference(s), "
                + consents.size() + " consent record(s) removed; tombstone kept");
        return true;
    }

}
