package com.facetrust.interfaces.rest.audit;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Query parameters read as text and parsed here, so a malformed value is answered 400 FT-3003 naming the parameter
 * (JAX-RS would answer 404 for a number or date it cannot convert).
 */
final class QueryParameters {
    static final int DEFAULT_PAGE_SIZE = 50;

    private QueryParameters() {
    }

    static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw bad(name, "an integer");
        }
    }

    /** ISO-8601 instant, e.g. 2026-11-22T00:00:00Z. */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw bad(name, "an ISO-8601 instant such as 2026-11-22T00:00:00Z");
        }
    }

    static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw bad(name, "true or false");
        };
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static FaceTrustException bad(String name, String expected) {
        return new FaceTrustException(FailureCode.BAD_REQUEST, name + " must be " + expected, List.of(name));
    }
}
