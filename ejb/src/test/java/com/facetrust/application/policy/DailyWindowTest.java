package com.facetrust.application.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Daily windows for blocklisted times (D-6.6 e) and usual hours (D-8.1.4 c), including across midnight. */
class DailyWindowTest {

    @Test
    void dayWindowIncludesStartExcludesEnd() {
        DailyWindow w = DailyWindow.parse("06:00-22:00", "UTC");
        assertTrue(w.contains(Instant.parse("2026-11-22T06:00:00Z")));
        assertTrue(w.contains(Instant.parse("2026-11-22T21:59:59Z")));
        assertFalse(w.contains(Instant.parse("2026-11-22T22:00:00Z")));
        assertFalse(w.contains(Instant.parse("2026-11-22T05:59:59Z")));
    }

    @Test
    void windowAcrossMidnight() {
        DailyWindow night = DailyWindow.parse("22:00-06:00", "UTC");
        assertTrue(night.contains(Instant.parse("2026-11-22T23:30:00Z")));
        assertTrue(night.contains(Instant.parse("2026-11-23T00:00:00Z")));
        assertTrue(night.contains(Instant.parse("2026-11-23T05:59:00Z")));
        assertFalse(night.contains(Instant.parse("2026-11-23T06:00:00Z")));
        assertFalse(night.contains(Instant.parse("2026-11-22T12:00:00Z")));
        assertEquals("22:00-06:00", night.pattern());
    }

    @Test
    void zoneShiftsTheWindow() {
        // Berlin in winter is UTC+1: 22:30Z is 23:30 there, 23:59Z is 00:59, 00:30Z is 01:30, 21:30Z is 22:30.
        DailyWindow berlinNight = DailyWindow.parse("23:00-01:00", "Europe/Berlin");
        assertTrue(berlinNight.contains(Instant.parse("2026-11-22T22:30:00Z")));
        assertTrue(berlinNight.contains(Instant.parse("2026-11-22T23:59:00Z")));
        assertFalse(berlinNight.contains(Instant.parse("2026-11-23T00:30:00Z")));
        assertFalse(berlinNight.contains(Instant.parse("2026-11-22T21:30:00Z")));
        assertFalse(DailyWindow.parse("23:00-01:00", "UTC").contains(Instant.parse("2026-11-22T22:30:00Z")));
    }

    @Test
    void malformedWindowsAreRefused() {
        for (String bad : new String[]{"6-22", "06:00", "06:00-06:00", "25:00-01:00", "06:00-22:00-23:00", ""}) {
            assertThrows(IllegalArgumentException.class, () -> DailyWindow.parse(bad, "UTC"), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> DailyWindow.parse("06:00-22:00", "Mars/Olympus"));
        assertEquals("UTC", DailyWindow.parse("06:00-22:00", null).zone().getId());
    }
}
