package com.facetrust.application.policy;

import com.facetrust.application.policy.AttemptLimits.CounterState;
import com.facetrust.domain.policy.AttemptScope;
import com.facetrust.domain.recognition.AttemptResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delay and block arithmetic of the attempt limits (A-5.7.5.1 e, D-8.2.5 d; NIST SP 800-63B style). */
class AttemptLimitsTest {
    private static final AttemptLimits DEFAULTS = new AttemptLimits(5, Duration.ofSeconds(2), 10,
            Duration.ofMinutes(30), Duration.ofMinutes(15), 3);
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void fiveFailuresFreeThenDoublingDelaysThenBlockAtTen() {
        CounterState s = CounterState.EMPTY;
        Instant t = T0;
        for (int i = 1; i <= 4; i++) {
            s = DEFAULTS.afterFailure(AttemptScope.SUBJECT, s, 1, t);
            assertTrue(DEFAULTS.waitAt(s, t).isEmpty(), "no delay before the 5th failure: " + i);
        }
        long[] expected = {2, 4, 8, 16, 32};
        for (int i = 0; i < expected.length; i++) {
            s = DEFAULTS.afterFailure(AttemptScope.SUBJECT, s, 1, t);
            AttemptLimits.Wait wait = DEFAULTS.waitAt(s, t).orElseThrow();
            assertFalse(wait.blocked());
            assertEquals(expected[i], wait.seconds(), "failure " + (5 + i));
            assertTrue(DEFAULTS.waitAt(s, t.plusSeconds(expected[i])).isEmpty(), "the delay ends");
            t = t.plusSeconds(expected[i]);
        }
        CounterState before = s;
        s = DEFAULTS.afterFailure(AttemptScope.SUBJECT, s, 1, t);
        assertEquals(10, s.failures());
        assertTrue(AttemptLimits.blockStarted(before, s, t), "the 10th failure starts the block");
        AttemptLimits.Wait blocked = DEFAULTS.waitAt(s, t).orElseThrow();
        assertTrue(blocked.blocked());
        assertEquals(1800, blocked.seconds());
        CounterState during = DEFAULTS.afterFailure(AttemptScope.SUBJECT, s, 1, t.plusSeconds(60));
        assertFalse(AttemptLimits.blockStarted(s, during, t.plusSeconds(60)), "the alarm is raised once");
        assertEquals(s.blockedUntil(), during.blockedUntil(), "a failure during the block does not extend it");

        Instant after = t.plus(Duration.ofMinutes(30));
        assertTrue(DEFAULTS.waitAt(DEFAULTS.current(AttemptScope.SUBJECT, s, after), after).isEmpty());
        assertEquals(0, DEFAULTS.current(AttemptScope.SUBJECT, s, after).failures(), "after the block: from zero");
    }

    @Test
    void secondsLeftAreRoundedUp() {
        CounterState s = CounterState.EMPTY;
        for (int i = 0; i < 5; i++) {
            s = DEFAULTS.afterFailure(AttemptScope.CLIENT, s, 1, T0);
        }
        assertEquals(1, DEFAULTS.waitAt(s, T0.plusMillis(1500)).orElseThrow().seconds());
        assertEquals(2, DEFAULTS.waitAt(s, T0.plusMillis(1)).orElseThrow().seconds());
    }

    @Test
    void anAttackWeighsThreeFailures() {
        assertEquals(3, DEFAULTS.weight(AttemptResult.ATTACK));
        assertEquals(1, DEFAULTS.weight(AttemptResult.FAILURE));
        CounterState s = DEFAULTS.afterFailure(AttemptScope.SUBJECT, CounterState.EMPTY, 3, T0);
        s = DEFAULTS.afterFailure(AttemptScope.SUBJECT, s, 3, T0);
        assertEquals(6, s.failures());
        assertEquals(4, DEFAULTS.waitAt(s, T0).orElseThrow().seconds(), "6 weighted failures: 2 s * 2^1");
        s = DEFAULTS.afterFailure(AttemptScope.SUBJECT, s, 3, T0);
        s = DEFAULTS.afterFailure(AttemptScope.SUBJECT, s, 3, T0);
        assertTrue(s.blockedAt(T0), "four attacks (12) block");
    }

    @Test
    void windowedScopesForgetAfterTheWindowSubjectScopeDoesNot() {
        CounterState s = CounterState.EMPTY;
        for (int i = 0; i < 4; i++) {
            s = DEFAULTS.afterFailure(AttemptScope.ADDRESS, s, 1, T0.plusSeconds(i));
        }
        Instant later = T0.plus(Duration.ofMinutes(15));
        CounterState next = DEFAULTS.afterFailure(AttemptScope.ADDRESS, s, 1, later);
        assertEquals(1, next.failures(), "a new window opens");
        assertEquals(later, next.windowStart());
        assertTrue(DEFAULTS.waitAt(next, later).isEmpty());

        CounterState subject = CounterState.EMPTY;
        for (int i = 0; i < 4; i++) {
            subject = DEFAULTS.afterFailure(AttemptScope.SUBJECT, subject, 1, T0);
        }
        Instant nextDay = T0.plus(Duration.ofDays(1));
        subject = DEFAULTS.afterFailure(AttemptScope.SUBJECT, subject, 1, nextDay);
        assertEquals(5, subject.failures(), "consecutive failures of a subject are not forgotten by time");
        assertTrue(DEFAULTS.waitAt(subject, nextDay).isPresent());
    }

    @Test
    void delayIsCappedAndSettingsValidated() {
        AttemptLimits huge = new AttemptLimits(1, Duration.ofSeconds(1), 1000, Duration.ofMinutes(1),
                Duration.ofMinutes(1), 1);
        assertEquals(Duration.ofSeconds(1L << 20), huge.delay(900));
        assertEquals(Duration.ZERO, DEFAULTS.delay(4));
        assertThrows(IllegalArgumentException.class, () -> new AttemptLimits(0, Duration.ofSeconds(2), 10,
                Duration.ofMinutes(30), Duration.ofMinutes(15), 3));
        assertThrows(IllegalArgumentException.class, () -> new AttemptLimits(5, Duration.ZERO, 10,
                Duration.ofMinutes(30), Duration.ofMinutes(15), 3));
        assertNull(CounterState.EMPTY.blockedUntil());
    }
}
