package com.facetrust.application.policy;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Daily at 03:45 (server time; non-persistent timer, a missed run is harmless): forgets attempt counters idle for
 * {@code facetrust.attempts.retention} [P30D] and no longer blocked, and devices not used in a successful verification
 * for {@code facetrust.risk.known-device-retention} [P365D] (data minimisation, A-7.2; and an attacker trying random
 * UIDs cannot grow the counter table without bound). A subject's consecutive-failure count therefore decays after the
 * retention period without failures.
 */
@Singleton
public class PolicyHousekeeping {
    private static final Logger LOG = Logger.getLogger("com.facetrust.policy");

    @EJB
    PolicySettings settings;

    @EJB
    AttemptLedger ledger;

    @Schedule(hour = "3", minute = "45", persistent = false, info = "facetrust-policy-housekeeping")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        try {
            purgeNow(Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Attempt counter housekeeping could not run", e);
        }
    }

    /** Runs the purge as of {@code now}; returns how many counters and devices were forgotten. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int purgeNow(Instant now) {
        int purged = ledger.purge(now, now.minus(settings.counterRetention()),
                now.minus(settings.knownDeviceRetention()));
        LOG.info(() -> "Policy housekeeping: " + purged + " idle attempt counters and known devices forgotten");
        return purged;
    }
}
