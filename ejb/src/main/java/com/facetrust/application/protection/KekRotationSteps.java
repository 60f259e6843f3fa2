package com.facetrust.application.protection;

import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import com.facetrust.domain.keys.KekRotationRun;
import com.facetrust.infrastructure.crypto.FileTemplateKeyStore;
import com.facetrust.infrastructure.crypto.KekRotation;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The steps of a KEK rotation ({@link KekRotation} over the live key store) with their records, each in a
 * transaction of its own so a run resumes after a crash: begin (new KEK version, current at once; run row; audit
 * KEK_ROTATION_START), one batch's progress, finish (census, old versions removed from the keystore, run DONE,
 * audit KEK_ROTATION), fail (run FAILED, audit with the code). The keystore and key files are not transactional:
 * each step changes them first and records afterwards, and every step is safe to repeat, so a record lost in a
 * crash only makes the next run redo a step. Internal: reached through {@link KekRenewal}, whose entry points check
 * the caller's role; the executor thread has no caller identity, hence {@code @PermitAll}.
 */
@Stateless
@PermitAll
public class KekRotationSteps {
    private static final Logger LOG = Logger.getLogger(KekRotationSteps.class.getName());

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @EJB
    TemplateProtectionService keys;

    @Inject
    Instance<AuditLog> audits;

    @Inject
    Instance<SecurityEventLog> eventLogs;

    @Inject
    Clock clock;

    /** The unfinished run (RUNNING in the store: the server stopped during it), if any. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Long> runningRun() {
        return identity.createQuery("select r.id from KekRotationRun r where r.state = :s order by r.id desc",
                        Long.class)
                .setParameter("s", KekRotationRun.State.RUNNING)
                .setMaxResults(1).getResultList().stream().findFirst();
    }

    /**
     * Step 1: a new KEK version becomes current for every new wrap (or the pending one of an unfinished rotation
     * is kept), a RUNNING run row records it, and the start is audited. Returns the run id.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long begin(String trigger, String by) {
        KekRotation rotation = keys.kekRotation();
        int target = rotation.begin();
        long total = rotation.census().values().stream().mapToLong(Long::longValue).sum();
        KekRotationRun run = new KekRotationRun(target, KekRotationRun.State.RUNNING, trigger, by, clock.instant(),
                total);
        identity.persist(run);
        identity.flush();
        audit("KEK_ROTATION_START", run, "OK");
        LOG.info(() -> "KEK rotation " + run.id() + " to KEK v" + target + " begun (" + trigger + ", " + total
                + " wrapped keys); new keys are wrapped under v" + target + " from now on");
        return run.id();
    }

    /** A RUNNING run left by a stop: the key store is put back on its target and the pass starts again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void resume(long runId) {
        KekRotationRun run = identity.find(KekRotationRun.class, runId, LockModeType.PESSIMISTIC_WRITE);
        keys.kekRotation().resume(run.targetVersion());
        run.restartPass();
        identity.flush();
        LOG.info(() -> "KEK rotation " + runId + " to KEK v" + run.targetVersion() + " resumed");
    }

    /** Step 2, the records: the target of a run and one batch's counts. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int targetVersion(long runId) {
        return identity.find(KekRotationRun.class, runId).targetVersion();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long recordBatch(long runId, FileTemplateKeyStore.RewrapBatch batch) {
        KekRotationRun run = identity.find(KekRotationRun.class, runId, LockModeType.PESSIMISTIC_WRITE);
        run.progress(batch.examined(), batch.rewrapped(), batch.alreadyCurrent(), batch.vanished(),
                batch.integrityFailures());
        identity.flush();
        return run.processed();
    }

    /**
     * Step 3: the census must show no key under an older KEK; the older versions are removed from the keystore,
     * the run is DONE and audited.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public KekRotationView finish(long runId) {
        KekRotationRun run = identity.find(KekRotationRun.class, runId, LockModeType.PESSIMISTIC_WRITE);
        SortedSet<Integer> retired = keys.kekRotation().finish(run.targetVersion());
        String versions = retired.stream().map(String::valueOf).collect(Collectors.joining(","));
        run.done(versions, clock.instant());
        identity.flush();
        audit("KEK_ROTATION", run, "OK");
        LOG.info(() -> "KEK rotation " + runId + " done: " + run.rewrapped() + " re-wrapped, " + run.alreadyCurrent()
                + " already current, " + run.vanished() + " gone meanwhile; retired KEK version(s) " + versions
                + ". Back up the master keystore and the key directory together now.");
        return KekRotationView.of(run);
    }

    /**
     * Marks a run FAILED (the keystore keeps every version; the next start continues with the same target) and
     * audits it; keys left under the old KEK are an ALARM (not thrown to any caller, so raised here).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void fail(long runId, RuntimeException cause) {
        KekRotationRun run = identity.find(KekRotationRun.class, runId, LockModeType.PESSIMISTIC_WRITE);
        FailureCode code = cause instanceof FaceTrustException f ? f.failureCode() : FailureCode.INTERNAL_ERROR;
        run.failed(code.code() + " " + cause.getClass().getSimpleName(), clock.instant());
        identity.flush();
        audit("KEK_ROTATION", run, code.code());
        if (code == FailureCode.KEK_ROTATION_INCOMPLETE && eventLogs.isResolvable()) {
            eventLogs.get().raise(code, "KEK_ROTATION", "kek:v" + run.targetVersion(),
                    "run " + runId + ": " + ((FaceTrustException) cause).reasons());
        }
    }

    private void audit(String action, KekRotationRun run, String outcome) {
        if (!audits.isResolvable()) {
            LOG.warning(() -> "Audit log not available: " + action + " " + run.id() + " " + outcome + " not audited");
            return;
        }
        // Target: the KEK version and the counts (no subject involved); the run id is the transaction id.
        String target = "kek:v" + run.targetVersion() + " total=" + run.total() + " rewrapped=" + run.rewrapped()
                + " vanished=" + run.vanished() + " failed=" + run.integrityFailures() + " retired="
                + run.retiredVersions();
        audits.get().record(new AuditRecord(action, target.substring(0, Math.min(128, target.length())), outcome,
                "kek-rotation-" + run.id(), null, null));
    }

    /** When the current KEK was made: the last DONE or BASELINE run, creating the baseline if there is none. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Instant kekIssuedAt() {
        List<KekRotationRun> last = identity.createQuery("select r from KekRotationRun r where r.state in :states "
                        + "order by r.finishedAt desc, r.id desc", KekRotationRun.class)
                .setParameter("states", List.of(KekRotationRun.State.DONE, KekRotationRun.State.BASELINE))
                .setMaxResults(1).getResultList();
        if (!last.isEmpty()) {
            return last.get(0).finishedAt();
        }
        Instant now = clock.instant();
        identity.persist(new KekRotationRun(keys.currentKekVersion(), KekRotationRun.State.BASELINE, "BASELINE",
                "system", now, 0));
        return now;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<KekRotationView> find(long id) {
        return Optional.ofNullable(identity.find(KekRotationRun.class, id)).map(KekRotationView::of);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<KekRotationView> recent(int max) {
        return identity.createQuery("select r from KekRotationRun r order by r.id desc", KekRotationRun.class)
                .setMaxResults(max).getResultList().stream().map(KekRotationView::of).toList();
    }
}
