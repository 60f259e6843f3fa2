package com.facetrust.application.deletion;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The deletion sweep (A-7.3, D-8.2.5g), run by the maintenance timer (default daily): schedules deletion for the
 * policy grounds, then deletes every subject whose deletion is due and the face data of every subject whose
 * face-verification consent ended, each in its own XA transaction through {@link SubjectDeletion}, destroys the
 * retired data keys, and applies the retention of each data kind ({@link RetentionPolicy}, A-7.4c). A failure is logged as an ALARM and retried by the next run; it never stops the others.
 * With a grace period of at most 14 days and a daily sweep, no deletion happens later than 15 days after its ground;
 * the maintenance job raises an ALARM for any deletion past its due date.
 */
@Stateless
@PermitAll
public class DeletionSweep {
    private static final Logger LOG = Logger.getLogger(DeletionSweep.class.getName());

    @EJB
    SubjectDeletion deletion;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public DeletionSweepReport sweep() {
        Instant started = clock.instant();
        List<String> failed = new ArrayList<>();
        // Retired keys first: a crash after an earlier face-data shredding committed must not leave the key alive.
        destroyRetiredKeys(failed);
        int scheduled = deletion.scheduleByPolicy();
        int deleted = 0;
        for (String uid : deletion.dueSubjects()) {
            try {
                if (deletion.delete(uid)) {
                    deleted++;
                }
            } catch (RuntimeException e) {
                failed.add(uid);
                LOG.log(Level.SEVERE, "ALARM deletion of subject " + uid + " failed; retried by the next sweep", e);
            }
        }
        int shredded = 0;
        for (String uid : deletion.dueFaceDeletions()) {
            try {
                if (deletion.shredFaceData(uid) >= 0) {
                    shredded++;
                }
            } catch (RuntimeException e) {
                failed.add(uid);
                LOG.log(Level.SEVERE, "ALARM deletion of the face data of subject " + uid
                        + " failed; retried by the next sweep", e);
            }
        }
        destroyRetiredKeys(failed);
        RetentionReport retention;
        try {
            retention = deletion.applyRetention();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "ALARM retention could not be applied; retried by the next sweep", e);
            retention = new RetentionReport(0, 0, 0, 0, 0);
        }
        DeletionSweepReport report = new DeletionSweepReport(started, clock.instant(), scheduled, deleted, shredded,
                retention, failed);
        LOG.info(() -> "Deletion sweep: " + report.scheduled() + " scheduled by policy, " + report.deleted()
                + " deleted, " + report.faceDataShredded() + " face data deleted, retention " + report.retention()
                + ", " + report.failed().size() + " failed");
        return report;
    }

    private void destroyRetiredKeys(List<String> failed) {
        for (String uid : deletion.subjectsWithRetiredKeys()) {
            try {
                deletion.destroyRetiredKey(uid);
            } catch (RuntimeException e) {
                failed.add(uid);
                LOG.log(Level.SEVERE, "ALARM retired data key of subject " + uid + " not destroyed; retried by the "
                        + "next sweep", e);
            }
        }
    }
}
