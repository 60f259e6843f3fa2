package com.facetrust.interfaces.console.pages;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Turns the "from" and "to" days a person types (YYYY-MM-DD, UTC like the server's records) into the instants the
 * API filters by: from the start of the first day up to the end of the last day, so a one-day range shows that day.
 */
final class FilterDates {
    private FilterDates() {
    }

    /** The start of the day, or null for a blank field; IllegalArgumentException naming the field if malformed. */
    static String startOf(String field, String day) {
        LocalDate date = parse(field, day);
        return date == null ? null : date.atStartOfDay().toInstant(ZoneOffset.UTC).toString();
    }

    /** The last instant of the day (the API's "to" is inclusive), or null for a blank field. */
    static String endOf(String field, String day) {
        LocalDate date = parse(field, day);
        return date == null ? null
                : date.plusDays(1).atStartOfDay().minusNanos(1_000_000).toInstant(ZoneOffset.UTC).toString();
    }

    private static LocalDate parse(String field, String day) {
        if (day == null || day.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(day.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\" must be a day written YYYY-MM-DD");
        }
    }
}
