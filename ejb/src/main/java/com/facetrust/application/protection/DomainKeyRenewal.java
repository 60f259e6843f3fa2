package com.facetrust.application.protection;

import com.facetrust.application.enrolment.SubjectRegistry;
import com.facetrust.application.lifecycle.StoreSchemaMigration;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ApplicationDomain;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Key rotation as an operation (issue 4 "Renewable", A-7.2b, D-3.6): every template of the deployment's application
 * domain is re-issued under a new domain-key version in batches (each its own transaction, progress recorded), the
 * {@link DomainKeyRotated} event lets the gallery reload, then the old versions are destroyed — every old copy of a
 * template (backups, a leaked table) is revoked. Each run is audited (KEY_ROTATION with its counts).
 *
 * <p>Started by a system administrator ({@code POST /api/v1/protection/rotations}) or by the maintenance timer when
 * the current key is older than {@code facetrust.protection.domain-key.rotate-every} [P365D]; one run per domain at
 * a time (a second start answers FT-4605); a run left unfinished by a crash is resumed by the next start.
 * Batch size {@code facetrust.protection.domain-key.rotation-batch} [100]. Runs on the server's managed executor.
 */
@Singleton
@DependsOn(StoreSchemaMigration.NAME)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DomainKeyRenewal {
    private static final Logger LOG = Logger.getLogger(DomainKeyRenewal.class.getName());

    @EJB
    KeyRotationSteps steps;

    @EJB
    TemplateProtectionService keys;

    @Resource
    ManagedExecutorService executor;

    @Resource
    SessionContext context;

    @Inject
    Event<DomainKeyRotated> rotated;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "facetrust.protection.domain-key.rotate-every", defaultValue = "P365D")
    Duration rotateEvery;

    @Inject
    @ConfigProperty(name = "facetrust.protection.domain-key.rotation-batch", defaultValue = "100")
    int batchSize;

    /** The run being executed by this server, if any. */
    private final AtomicReference<Long> active = new AtomicReference<>();

    /** Starts (or resumes) a rotation of the deployment's domain now; answers at once with the run. */
    @RolesAllowed(FaceTrustRoles.SYSADMIN)
    public KeyRotationView rotateNow() {
        return start("MANUAL", SubjectRegistry.actor(context));
    }

    /** Progress of a run; FT-3004 when unknown. */
    @RolesAllowed({FaceTrustRoles.SYSADMIN, FaceTrustRoles.AUDITOR})
    public KeyRotationView run(long id) {
        return steps.find(id).orElseThrow(() -> new FaceTrustException(FailureCode.NOT_FOUND, "no rotation " + id));
    }

    /** The latest runs, newest first. */
    @RolesAllowed({FaceTrustRoles.SYSADMIN, FaceTrustRoles.AUDITOR})
    public List<KeyRotationView> runs() {
        return steps.recent(50);
    }

    /**
     * Called by the maintenance timer: starts a rotation when the current key of the domain is older than the
     * configured period (counted from the last finished rotation, or from when the key was first seen). Returns the
     * run started, if any.
     */
    @PermitAll
    public Optional<KeyRotationView> rotateIfDue() {
        ApplicationDomain domain = keys.domain();
        Instant issued = steps.keyIssuedAt(domain);
        if (active.get() != null || clock.instant().isBefore(issued.plus(rotateEvery))) {
            return Optional.empty();
        }
        return Optional.of(start("TIMER", "system"));
    }

    private KeyRotationView start(String trigger, String by) {
        ApplicationDomain domain = keys.domain();
        long runId;
        synchronized (active) {
            if (active.get() != null) {
                throw new FaceTrustException(FailureCode.KEY_ROTATION_RUNNING, "rotation " + active.get()
                        + " of domain '" + domain.name() + "' is running", List.of("run:" + active.get()));
            }
            // A RUNNING row nobody executes (server stopped mid-run) is resumed rather than begun anew.
            runId = steps.runningRun(domain).orElseGet(() -> steps.begin(domain, trigger, by));
            active.set(runId);
        }
        long id = runId;
        try {
            executor.submit(() -> execute(id, domain));
        } catch (RuntimeException e) {
            active.set(null);
            throw e;
        }
        return steps.find(id).orElseThrow();
    }

    /** Batches, the event, then destruction of the old versions; on failure the run is FAILED and resumable. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void execute(long runId, ApplicationDomain domain) {
        try {
            while (steps.reissueBatch(runId, Math.max(1, batchSize))) {
                // progress is on the run row after each batch
            }
            KeyRotationView reissued = steps.find(runId).orElseThrow();
            SortedSet<Integer> retiring = steps.retiringVersions(runId);
            // After the re-issue committed, before the old versions go: observers (the gallery) reload the domain.
            rotated.fire(new DomainKeyRotated(domain, reissued.targetVersion(), retiring, reissued.reissued()));
            steps.finish(runId);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Key rotation " + runId + " of domain '" + domain.name() + "' failed; the next "
                    + "start resumes it (both key versions are kept)", e);
            try {
                steps.fail(runId, e);
            } catch (RuntimeException again) {
                LOG.log(Level.SEVERE, "Key rotation " + runId + ": could not record the failure", again);
            }
        } finally {
            active.set(null);
        }
    }
}
