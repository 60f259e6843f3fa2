package com.facetrust.application.deletion;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * When a scheduled deletion is due. The standards allow at most 15 days from the ground to the deletion; the
 * sweep runs daily by default, so the configurable grace period is capped at 14 days, leaving a day for the sweep.
 *
 * <p>Configuration: {@code facetrust.deletion.grace-days} [0] — days between the ground and the due date (0 = the
 * next sweep deletes; a grace period lets a subject undo an accidental withdrawal); {@code
 * facetrust.deletion.inactivity-days} [365] — unused that long schedules deletion (A-7.3e).
 */
@ApplicationScoped
public class DeletionPolicy {
    /** The longest the standards allow between a deletion ground and the deletion itself (A-7.3, D-8.2.5g). */
    public static final Duration DELETION_SLA = Duration.ofDays(15);
    static final int MAX_GRACE_DAYS = 14;

    @Inject
    @ConfigProperty(name = "facetrust.deletion.grace-days", defaultValue = "0")
    int graceDays;

    @Inject
    @ConfigProperty(name = "facetrust.deletion.inactivity-days", defaultValue = "365")
    int inactivityDays;

    /** The due date of a deletion whose ground arose at {@code groundAt}; never beyond 14 days. */
    public Instant dueAt(Instant groundAt) {
        int days = Math.max(0, Math.min(graceDays, MAX_GRACE_DAYS));
        return groundAt.plus(Duration.ofDays(days));
    }

    /** Subjects last used before this instant are inactive. */
    public Instant inactiveBefore(Instant now) {
        return now.minus(Duration.ofDays(Math.max(1, inactivityDays)));
    }
}
