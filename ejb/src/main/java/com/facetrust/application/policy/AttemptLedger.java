package com.facetrust.application.policy;

import com.facetrust.domain.policy.AttemptCounter;
import com.facetrust.domain.policy.AttemptScope;
import com.facetrust.domain.policy.KnownDevice;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;

/**
 * The persistent attempt counters and known devices (identity V7). Each change runs in its own transaction under a
 * pessimistic row lock ({@code SELECT ... FOR UPDATE}), so two concurrent failures of one scope both count
 * (A-5.7.5.1 e). Creating a counter can race with another request creating the same one: the loser's insert fails
 * on the primary key and {@link ConfiguredRecognitionPolicy} repeats the call, which then finds the row and locks it.
 * Internal: called only by the policy bean; holds keys, never UIDs, addresses or device ids in clear.
 */
@Stateless
public class AttemptLedger {

    @PersistenceContext(unitName = "identity")
    EntityManager em;

    /** The state of a counter as last committed; EMPTY when it does not exist. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AttemptLimits.CounterState state(String counterKey) {
        AttemptCounter c = em.find(AttemptCounter.class, counterKey);
        return c == null ? AttemptLimits.CounterState.EMPTY : stateOf(c);
    }

    /** Counts a failure of the given weight; returns the state before and after. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Change recordFailure(String counterKey, String operation, AttemptScope scope, int weight, Instant at,
                                AttemptLimits limits) {
        AttemptCounter c = em.find(AttemptCounter.class, counterKey, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            c = new AttemptCounter(counterKey, operation, scope);
            em.persist(c);
            // Insert now: a concurrent creator of the same counter fails here, inside this transaction.
            em.flush();
        }
        AttemptLimits.CounterState before = stateOf(c);
        AttemptLimits.CounterState after = limits.afterFailure(scope, before, weight, at);
        c.update(after.failures(), after.windowStart(), after.lastFailureAt(), after.delayUntil(),
                after.blockedUntil());
        return new Change(before, after);
    }

    /** A success of the subject: its counter for this operation starts again from zero (a running block stays). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void resetSubject(String counterKey, Instant at) {
        AttemptCounter c = em.find(AttemptCounter.class, counterKey, LockModeType.PESSIMISTIC_WRITE);
        if (c != null && (c.blockedUntil() == null || !at.isBefore(c.blockedUntil()))) {
            c.update(0, null, null, null, null);
        }
    }

    /** Remembers (or refreshes) a device the subject verified successfully from. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void rememberDevice(String deviceKey, Instant at) {
        KnownDevice d = em.find(KnownDevice.class, deviceKey, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            em.persist(new KnownDevice(deviceKey, at));
            em.flush();
        } else {
            d.seen(at);
        }
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean knownDevice(String deviceKey) {
        return em.find(KnownDevice.class, deviceKey) != null;
    }

    /**
     * Forgets counters whose last failure is older than {@code countersBefore} and that are not blocked any more,
     * and devices last seen before {@code devicesBefore} (data minimisation; the table cannot grow without bound
     * when someone tries random UIDs). Returns how many rows went.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int purge(Instant now, Instant countersBefore, Instant devicesBefore) {
        int counters = em.createQuery("DELETE FROM AttemptCounter c WHERE c.lastFailureAt < :before "
                        + "AND (c.blockedUntil IS NULL OR c.blockedUntil <= :now)")
                .setParameter("before", countersBefore).setParameter("now", now).executeUpdate();
        int resetCounters = em.createQuery("DELETE FROM AttemptCounter c WHERE c.lastFailureAt IS NULL "
                + "AND c.failures = 0").executeUpdate();
        int devices = em.createQuery("DELETE FROM KnownDevice d WHERE d.lastSeenAt < :before")
                .setParameter("before", devicesBefore).executeUpdate();
        return counters + resetCounters + devices;
    }

    private static AttemptLimits.CounterState stateOf(AttemptCounter c) {
        return new AttemptLimits.CounterState(c.failures(), c.windowStart(), c.lastFailureAt(), c.delayUntil(),
                c.blockedUntil());
    }

    /** A counter before and after one failure. */
    public record Change(AttemptLimits.CounterState before, AttemptLimits.CounterState after) {
    }
}
