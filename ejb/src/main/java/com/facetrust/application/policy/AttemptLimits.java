package com.facetrust.application.policy;

import com.facetrust.domain.policy.AttemptScope;
import com.facetrust.domain.recognition.AttemptResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The attempt-limit arithmetic (A-5.7.5.1 e, D-8.2.5 d; NIST SP 800-63B §5.2.2 style): after {@code delayAfter}
 * weighted failures every further attempt waits {@code baseDelay · 2^(failures − delayAfter)}; at
 * {@code blockAfter} the scope is blocked for {@code blockDuration}, after which its count starts again from zero.
 * The subject scope counts consecutive failures (only that subject's SUCCESS resets it); client, device and address
 * count failures within a fixed {@code window} that opens at the first failure counted. A FAILURE weighs 1, an
 * ATTACK {@code attackWeight} (A-5.7.3 d: an attack brings the delay and the block closer).
 * Plain Java, so the arithmetic is unit tested; {@link AttemptLedger} applies it under a row lock.
 */
public record AttemptLimits(int delayAfter, Duration baseDelay, int blockAfter, Duration blockDuration,
                            Duration window, int attackWeight) {

    /** Cap on the doubling, so a large blockAfter cannot overflow the delay (2^20 · base). */
    private static final int MAX_DOUBLINGS = 20;

    public AttemptLimits {
        if (delayAfter < 1 || blockAfter < 1 || attackWeight < 1) {
            throw new IllegalArgumentException("delay-after, block-after and attack-weight must be at least 1");
        }
        if (baseDelay.isNegative() || baseDelay.isZero() || blockDuration.isNegative() || blockDuration.isZero()
                || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("base-delay, block-duration and window must be positive");
        }
    }

    /** The counting state of one counter; all instants may be null. */
    public record CounterState(int failures, Instant windowStart, Instant lastFailureAt, Instant delayUntil,
                               Instant blockedUntil) {
        public static final CounterState EMPTY = new CounterState(0, null, null, null, null);

        public boolean blockedAt(Instant at) {
            return blockedUntil != null && at.isBefore(blockedUntil);
        }
    }

    /** Why and how long an attempt has to wait. */
    public record Wait(boolean blocked, long seconds) {
    }

    public int weight(AttemptResult result) {
        return switch (result) {
            case ATTACK -> attackWeight;
            case FAILURE -> 1;
            case SUCCESS -> 0;
        };
    }

    /** The state after a failure (or attack) of the given weight at {@code at}. */
    public CounterState afterFailure(AttemptScope scope, CounterState s, int weight, Instant at) {
        CounterState current = current(scope, s, at);
        int failures = current.failures() + weight;
        Instant windowStart = current.windowStart() == null ? at : current.windowStart();
        Instant blockedUntil = current.blockedAt(at) ? current.blockedUntil() : null;
        Instant delayUntil = null;
        if (blockedUntil == null && failures >= blockAfter) {
            blockedUntil = at.plus(blockDuration);
        } else if (blockedUntil == null && failures >= delayAfter) {
            delayUntil = at.plus(delay(failures));
        }
        return new CounterState(failures, windowStart, at, delayUntil, blockedUntil);
    }

    /** The wait after {@code failures} weighted failures: {@code baseDelay · 2^(failures − delayAfter)}. */
    public Duration delay(int failures) {
        if (failures < delayAfter) {
            return Duration.ZERO;
        }
        return baseDelay.multipliedBy(1L << Math.min(MAX_DOUBLINGS, failures - delayAfter));
    }

    /** True when this failure turned an unblocked counter into a blocked one (the moment the ALARM is raised). */
    public static boolean blockStarted(CounterState before, CounterState after, Instant at) {
        return !before.blockedAt(at) && after.blockedAt(at);
    }

    /**
     * The state as it counts at {@code at}: an ended block or an elapsed window (windowed scopes) starts again from
     * zero.
     */
    public CounterState current(AttemptScope scope, CounterState s, Instant at) {
        if (s.blockedUntil() != null && !at.isBefore(s.blockedUntil())) {
            return CounterState.EMPTY;
        }
        if (scope != AttemptScope.SUBJECT && s.windowStart() != null && s.blockedUntil() == null
                && !at.isBefore(s.windowStart().plus(window))) {
            return CounterState.EMPTY;
        }
        return s;
    }

    /** Whether an attempt at {@code at} must wait, and how many whole seconds (rounded up). */
    public Optional<Wait> waitAt(CounterState s, Instant at) {
        if (s.blockedAt(at)) {
            return Optional.of(new Wait(true, secondsUntil(at, s.blockedUntil())));
        }
        if (s.delayUntil() != null && at.isBefore(s.delayUntil())) {
            return Optional.of(new Wait(false, secondsUntil(at, s.delayUntil())));
        }
        return Optional.empty();
    }

    private static long secondsUntil(Instant from, Instant to) {
        long millis = Duration.between(from, to).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
