package com.facetrust.application.protection;

import com.facetrust.application.gallery.FaceDataChanged;
import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import com.facetrust.domain.keys.KeyRotationRun;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.StoredTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.infrastructure.crypto.DomainKeyRotation;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The transactional steps of a domain-key rotation ({@link DomainKeyRotation} over the biometric store), each in a
 * transaction of its own so a run resumes after a crash: begin (new key version, run row), re-issue one batch of
 * references (rows rewritten with the new template and version, progress on the run row), finish (older versions
 * destroyed, run DONE, audit entry). Internal: reached only through {@link DomainKeyRenewal}, whose entry points
 * check the caller's role; the executor thread that runs the batches has no caller identity, hence
 * {@code @PermitAll}.
 */
@Stateless
@PermitAll
public class KeyRotationSteps {
    private static final Logger LOG = Logger.getLogger(KeyRotationSteps.class.getName());

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @PersistenceContext(unitName = "biometric")
    EntityManager biometric;

    @EJB
    TemplateProtectionService keys;

    @Inject
    Instance<AuditLog> audits;

    @Inject
    Instance<SecurityEventLog> eventLogs;

    @Inject
    Clock clock;

    @Inject
    Event<FaceDataChanged> faceDataChanged;

    private DomainKeyRotation rotation() {
        return new DomainKeyRotation(keys.keyStore(), keys.protector());
    }

    /** The unfinished run of a domain (RUNNING in the store), if any. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Long> runningRun(ApplicationDomain domain) {
        return identity.createQuery("select r.id from KeyRotationRun r where r.domain = :d and r.state = :s "
                        + "order by r.id desc", Long.class)
                .setParameter("d", domain.name())
                .setParameter("s", KeyRotationRun.State.RUNNING)
                .setMaxResults(1).getResultList().stream().findFirst();
    }

    /**
     * Step 1: a new key version becomes current (or, when the key store already holds an unfinished rotation's
     * target, that one is kept), and a RUNNING run row records it. Returns the run id.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long begin(ApplicationDomain domain, String trigger, String by) {
        DomainKeyRotation rotation = rotation();
        OptionalInt pending = rotation.pendingTarget(domain);
        int target = pending.isPresent() ? pending.getAsInt() : rotation.begin(domain);
        long total = biometric.createQuery("select count(r) from FaceReference r where r.protectionDomain = :d",
                        Long.class)
                .setParameter("d", domain.name()).getSingleResult();
        KeyRotationRun run = new KeyRotationRun(domain.name(), target, KeyRotationRun.State.RUNNING, trigger, by,
                clock.instant(), total);
        identity.persist(run);
        identity.flush();
        LOG.info(() -> "Key rotation " + run.id() + " of domain '" + domain.name() + "' to key version " + target
                + " begun (" + trigger + ", " + total + " templates)");
        return run.id();
    }

    /**
     * Step 2: re-issues up to {@code batchSize} references of the run's domain after the last one handled. Rows
     * whose data key is gone (subject deleted) count as shredded; rows failing their integrity check are left
     * untouched, counted and raised as ALARM events (they need re-enrolment). Returns false when nothing was left.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean reissueBatch(long runId, int batchSize) {
        KeyRotationRun run = identity.find(KeyRotationRun.class, runId, LockModeType.PESSIMISTIC_WRITE);
        ApplicationDomain domain = ApplicationDomain.of(run.domain());
        List<FaceReference> rows = biometric.createQuery("select r from FaceReference r "
                        + "where r.protectionDomain = :d and r.id > :last order by r.id", FaceReference.class)
                .setParameter("d", domain.name())
                .setParameter("last", run.lastReferenceId())
                .setMaxResults(batchSize)
                .getResultList();
        if (rows.isEmpty()) {
            // Every row now carries the target version: the 1:N gallery reloads the domain after this commits, so
            // it no longer needs the older versions when finish() destroys them.
            faceDataChanged.fire(FaceDataChanged.domain(domain, "key-rotation"));
            return false;
        }
        DomainKeyRotation rotation = rotation();
        long processed = 0;
        long reissued = 0;
        long current = 0;
        long shredded = 0;
        long failed = 0;
        long lastId = run.lastReferenceId();
        for (FaceReference row : rows) {
            lastId = Math.max(lastId, row.id());
            processed++;
            TemplateBinding binding = new TemplateBinding(row.pseudonym(), row.referenceId(), domain);
            StoredTemplate stored;
            try {
                stored = new StoredTemplate(binding, ProtectedTemplate.decode(row.template()));
            } catch (RuntimeException e) {
                failed++;
                alarm(row, "unreadable template: " + e.getMessage());
                continue;
            }
            DomainKeyRotation.Report r = rotation.reissue(domain, run.targetVersion(), List.of(stored).iterator(),
                    run.total(), s -> row.reissue(s.template().encode(), run.targetVersion()), null);
            reissued += r.reissued();
            current += r.alreadyCurrent();
            shredded += r.shredded();
            if (!r.integrityFailures().isEmpty()) {
                failed++;
                alarm(row, "integrity check failed during key rotation");
            }
        }
        run.progress(processed, reissued, current, shredded, failed, lastId);
        biometric.flush();
        identity.flush();
        return true;
    }

    private void alarm(FaceReference row, String detail) {
        if (eventLogs.isResolvable()) {
            eventLogs.get().raise(FailureCode.TEMPLATE_INTEGRITY_FAILED, "KEY_ROTATION", row.pseudonym(),
                    "reference " + row.referenceId() + ": " + detail);
        } else {
            LOG.severe(() -> "ALARM key rotation: reference " + row.referenceId() + ": " + detail);
        }
    }

    /** The versions {@link #finish} will destroy: every live version of the domain older than the target. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public SortedSet<Integer> retiringVersions(long runId) {
        KeyRotationRun run = identity.find(KeyRotationRun.class, runId);
        return new java.util.TreeSet<>(keys.keyStore().domainKeyVersions(ApplicationDomain.of(run.domain()))
                .headSet(run.targetVersion()));
    }

    /** Step 3: destroys the older versions (revoking every old copy), marks the run DONE and audits it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public KeyRotationView finish(long runId) {
        KeyRotationRun run = identity.find(KeyRotationRun.class, runId, LockModeType.PESSIMISTIC_WRITE);
        ApplicationDomain domain = ApplicationDomain.of(run.domain());
        SortedSet<Integer> destroyed = rotation().finish(domain, run.targetVersion());
        String versions = destroyed.stream().map(String::valueOf).collect(Collectors.joining(","));
        run.done(versions, clock.instant());
        identity.flush();
        audit(run, "OK");
        LOG.info(() -> "Key rotation " + runId + " of domain '" + domain.name() + "' done: " + run.reissued()
                + " re-issued, " + run.shredded() + " shredded, " + run.integrityFailures()
                + " integrity failures; destroyed key version(s) " + versions);
        return KeyRotationView.of(run);
    }

    /** Marks a run FAILED (the key store keeps both versions; the next run resumes) and audits it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void fail(long runId, RuntimeException cause) {
        KeyRotationRun run = identity.find(KeyRotationRun.class, runId, LockModeType.PESSIMISTIC_WRITE);
        String code = cause instanceof FaceTrustException f ? f.failureCode().code()
                : FailureCode.INTERNAL_ERROR.code();
        run.failed(code + " " + cause.getClass().getSimpleName(), clock.instant());
        identity.flush();
        audit(run, code);
    }

    private void audit(KeyRotationRun run, String outcome) {
        if (!audits.isResolvable()) {
            LOG.warning(() -> "Audit log not available: key rotation " + run.id() + " " + outcome + " not audited");
            return;
        }
        // Target: the domain and the counts (no subject involved); the run id is the transaction id.
        audits.get().record(new AuditRecord("KEY_ROTATION", run.domain() + ":v" + run.targetVersion()
                + " processed=" + run.processed() + " reissued=" + run.reissued() + " shredded=" + run.shredded()
                + " failed=" + run.integrityFailures() + " destroyed=" + run.destroyedVersions(), outcome,
                "key-rotation-" + run.id(), null, null));
    }

    /** Last DONE or BASELINE run of a domain (when its current key was made), creating the baseline if none. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Instant keyIssuedAt(ApplicationDomain domain) {
        List<KeyRotationRun> last = identity.createQuery("select r from KeyRotationRun r where r.domain = :d "
                        + "and r.state in :states order by r.finishedAt desc, r.id desc", KeyRotationRun.class)
                .setParameter("d", domain.name())
                .setParameter("states", List.of(KeyRotationRun.State.DONE, KeyRotationRun.State.BASELINE))
                .setMaxResults(1).getResultList();
        if (!last.isEmpty()) {
            return last.get(0).finishedAt();
        }
        Instant now = clock.instant();
        identity.persist(new KeyRotationRun(domain.name(), keys.keyStore().currentDomainKeyVersion(domain),
                KeyRotationRun.State.BASELINE, "BASELINE", "system", now, 0));
        return now;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<KeyRotationView> find(long id) {
        return Optional.ofNullable(identity.find(KeyRotationRun.class, id)).map(KeyRotationView::of);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<KeyRotationView> recent(int max) {
        return identity.createQuery("select r from KeyRotationRun r order by r.id desc", KeyRotationRun.class)
                .setMaxResults(max).getResultList().stream().map(KeyRotationView::of).toList();
    }
}
