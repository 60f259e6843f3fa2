package com.facetrust.application.policy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A daily time window {@code HH:mm-HH:mm} in a zone, start inclusive, end exclusive; a window whose end is before
 * its start crosses midnight ({@code 22:00-06:00}). Used for blocklisted times (D-6.6 e) and usual hours
 * (risk signal, D-8.1.4 c).
 */
public record DailyWindow(LocalTime start, LocalTime end, ZoneId zone) {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    public DailyWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (start.equals(end)) {
            throw new IllegalArgumentException("an empty window (start = end): " + start);
        }
    }

    /**
     * Parses {@code HH:mm-HH:mm} and a zone id such as {@code UTC} or {@code Europe/Berlin}.
     *
     * @throws IllegalArgumentException on a malformed window or an unknown zone
     */
    public static DailyWindow parse(String window, String zone) {
        Objects.requireNonNull(window, "window");
        String[] parts = window.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected HH:mm-HH:mm: " + window);
        }
        try {
            return new DailyWindow(LocalTime.parse(parts[0].trim(), HH_MM), LocalTime.parse(parts[1].trim(), HH_MM),
                    ZoneId.of(zone == null || zone.isBlank() ? "UTC" : zone.trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected HH:mm-HH:mm: " + window, e);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone: " + zone, e);
        }
    }

    public boolean contains(Instant at) {
        LocalTime t = at.atZone(zone).toLocalTime();
        if (start.isBefore(end)) {
            return !t.isBefore(start) && t.isBefore(end);
        }
        return !t.isBefore(start) || t.isBefore(end);
    }

    /** {@code HH:mm-HH:mm}. */
    public String pattern() {
        return HH_MM.format(start) + "-" + HH_MM.format(end);
    }
}
