package com.facetrust.application.protection;

import com.facetrust.application.enrolment.SubjectRegistry;
import com.facetrust.application.lifecycle.StoreSchemaMigration;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.infrastructure.crypto.KekRotation;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rotation of the key-encryption key as an operation (D-8.2.5g, A-7.3, A-9.2f / D-6.5c; the KEK wraps every data
 * and domain key): a new KEK version is added to the master keystore and used for every new wrap at once (an
 * enrolment during the run gets a data key under the new KEK), every stored key is re-wrapped in batches (progress
 * recorded per batch in its own transaction), and only when a census of the key headers shows nothing left under
 * the old KEK is it removed from the keystore — after which no older copy of the key directory (a backup) opens.
 * Each run is audited (KEK_ROTATION_START, KEK_ROTATION with its counts or failure code).
 *
 * <p>Started by a system administrator ({@code POST /api/v1/protection/kek-rotations}) or by the maintenance timer
 * when {@code facetrust.protection.kek.rotate-every} is set (ISO-8601 duration; unset = no automatic rotation, the
 * default: each rotation changes the keystore file, which must then be backed up with the key directory) and the
 * current KEK is older. One run at a time (a second start answers FT-4607); a run left RUNNING by a stop, or a
 * FAILED one, is continued by the next start with the same target version (the keystore keeps both versions until
 * the end). Keys per batch {@code facetrust.protection.kek.rotation-batch} [500]. Runs on the managed executor.
 */
@Singleton
@DependsOn(StoreSchemaMigration.NAME)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class KekRenewal {
    private static final Logger LOG = Logger.getLogger(KekRenewal.class.getName());

    @EJB
    KekRotationSteps steps;

    @EJB
    TemplateProtectionService keys;

    @Resource
    ManagedExecutorService executor;

    @Resource
    SessionContext context;

    @Inject
    Event<KekRewrapBatchDone> batchDone;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "facetrust.protection.kek.rotate-every")
    Optional<Duration> rotateEvery;

    @Inject
    @ConfigProperty(name = "facetrust.protection.kek.rotation-batch", defaultValue = "500")
    int batchSize;

    /** The run being executed by this server, if any. */
    private final AtomicReference<Long> active = new AtomicReference<>();

    /** Starts (or continues) a KEK rotation now; answers at once with the run. */
    @RolesAllowed(FaceTrustRoles.SYSADMIN)
    public KekRotationView rotateNow() {
        return start("MANUAL", SubjectRegistry.actor(context));
    }

    /** Progress of a run; FT-3004 when unknown. */
    @RolesAllowed({FaceTrustRoles.SYSADMIN, FaceTrustRoles.AUDITOR})
    public KekRotationView run(long id) {
        return steps.find(id).orElseThrow(() -> new FaceTrustException(FailureCode.NOT_FOUND,
                "no KEK rotation " + id));
    }

    /** The latest runs, newest first. */
    @RolesAllowed({FaceTrustRoles.SYSADMIN, FaceTrustRoles.AUDITOR})
    public List<KekRotationView> runs() {
        return steps.recent(50);
    }

    /**
     * Called by the maintenance timer: starts a rotation when {@code facetrust.protection.kek.rotate-every} is set
     * and the current KEK is older (from the last finished rotation, or from when the KEK was first seen), or when
     * a run was left RUNNING by a stop. Returns the run started, if any.
     */
    @PermitAll
    public Optional<KekRotationView> rotateIfDue() {
        if (active.get() != null) {
            return Optional.empty();
        }
        if (steps.runningRun().isPresent()) {
            return Optional.of(start("TIMER", "system"));
        }
        if (rotateEvery.isEmpty() || rotateEvery.get().isZero() || rotateEvery.get().isNegative()) {
            return Optional.empty();
        }
        if (clock.instant().isBefore(steps.kekIssuedAt().plus(rotateEvery.get()))) {
            return Optional.empty();
        }
        return Optional.of(start("TIMER", "system"));
    }

    private KekRotationView start(String trigger, String by) {
        long runId;
        synchronized (active) {
            if (active.get() != null) {
                throw new FaceTrustException(FailureCode.KEK_ROTATION_RUNNING, "KEK rotation " + active.get()
                        + " is running", List.of("run:" + active.get()));
            }
            // A RUNNING row nobody executes (server stopped mid-run) is continued rather than begun anew.
            Optional<Long> unfinished = steps.runningRun();
            if (unfinished.isPresent()) {
                steps.resume(unfinished.get());
                runId = unfinished.get();
            } else {
                runId = steps.begin(trigger, by);
            }
            active.set(runId);
        }
        long id = runId;
        try {
            executor.submit(() -> execute(id));
        } catch (RuntimeException e) {
            active.set(null);
            throw e;
        }
        return steps.find(id).orElseThrow();
    }

    /** Batches, then the census and the old KEK's removal; on failure the run is FAILED and the KEK kept. */
    void execute(long runId) {
        try {
            int target = steps.targetVersion(runId);
            KekRotation rotation = keys.kekRotation();
            rotation.rewrap(target, Math.max(1, batchSize), batch -> {
                long processed = steps.recordBatch(runId, batch);
                batchDone.fire(new KekRewrapBatchDone(runId, target, processed));
            });
            steps.finish(runId);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "KEK rotation " + runId + " failed; the old KEK is kept and the next start "
                    + "continues it", e);
            try {
                steps.fail(runId, e);
            } catch (RuntimeException again) {
                LOG.log(Level.SEVERE, "KEK rotation " + runId + ": could not record the failure", again);
            }
        } finally {
            active.set(null);
        }
    }
}
