package com.facetrust.application.deletion;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The due date never leaves the daily sweep less than a day inside the 15-day limit. */
class DeletionPolicyTest {
    private static final Instant T = Instant.parse("2026-11-22T03:00:00Z");

    private static DeletionPolicy policy(int graceDays, int inactivityDays) {
        DeletionPolicy p = new DeletionPolicy();
        p.graceDays = graceDays;
        p.inactivityDays = inactivityDays;
        return p;
    }

    @Test
    void graceIsCappedAtFourteenDays() {
        assertEquals(T, policy(0, 365).dueAt(T));
        assertEquals(T.plus(Duration.ofDays(7)), policy(7, 365).dueAt(T));
        assertEquals(T.plus(Duration.ofDays(14)), policy(90, 365).dueAt(T), "a misconfiguration cannot break A-7.3");
        assertEquals(T, policy(-3, 365).dueAt(T));
    }

    @Test
    void inactivityIsAtLeastADay() {
        assertEquals(T.minus(Duration.ofDays(365)), policy(0, 365).inactiveBefore(T));
        assertEquals(T.minus(Duration.ofDays(1)), policy(0, 0).inactiveBefore(T));
    }
}
