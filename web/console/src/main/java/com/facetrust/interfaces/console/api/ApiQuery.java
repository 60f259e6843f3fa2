package com.facetrust.interfaces.console.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A path below the API's base with query parameters, built from what a person typed into a filter form: blank
 * fields are left out (they mean "any"), every value and path segment is URL-encoded, so nothing typed into a form
 * can change which resource is called.
 */
public final class ApiQuery {
    private final String path;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private ApiQuery(String path) {
        this.path = path;
    }

    /** A fixed path below the API base, e.g. {@code audit/entries} (no leading slash). */
    public static ApiQuery path(String path) {
        if (path.startsWith("/") || path.contains("?")) {
            throw new IllegalArgumentException("relative path without query expected: " + path);
        }
        return new ApiQuery(path);
    }

    /** A path with one variable segment, e.g. {@code path("events/%s/acknowledgement", id)}; the segment is encoded. */
    public static ApiQuery path(String template, String segment) {
        return path(String.format(template, URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20")));
    }

    /** Adds the parameter unless the value is null or blank (an empty filter means "any"). */
    public ApiQuery with(String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            parameters.put(name, value.toString().trim());
        }
        return this;
    }

    /** The relative reference to resolve against the API base. */
    public String relative() {
        if (parameters.isEmpty()) {
            return path;
        }
        return path + parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }

    @Override
    public String toString() {
        return relative();
    }
}
