package com.facetrust.infrastructure.signing;

import java.util.List;

/**
 * Writes the small JSON objects that get signed (decision claims, JWK) in a fixed member order with exact string
 * escaping, so the signed bytes are deterministic and no JSON library is needed inside the signing code. Only
 * strings, integers, string arrays and nested objects — all a decision carries; never a floating-point number
 * (a decision has no score, A-5.7.4 c).
 */
public final class JsonPayload {
    private final StringBuilder json = new StringBuilder("{");

    public JsonPayload string(String name, String value) {
        if (value != null) {
            member(name).append(quote(value));
        }
        return this;
    }

    public JsonPayload number(String name, long value) {
        member(name).append(value);
        return this;
    }

    public JsonPayload strings(String name, List<String> values) {
        if (values != null) {
            member(name).append('[');
            for (int i = 0; i < values.size(); i++) {
                json.append(i == 0 ? "" : ",").append(quote(values.get(i)));
            }
            json.append(']');
        }
        return this;
    }

    public JsonPayload object(String name, JsonPayload value) {
        if (value != null) {
            member(name).append(value.text());
        }
        return this;
    }

    /** A pre-built JSON value (e.g. an array of objects). */
    JsonPayload raw(String name, String jsonValue) {
        member(name).append(jsonValue);
        return this;
    }

    public String text() {
        return json + "}";
    }

    @Override
    public String toString() {
        return text();
    }

    private StringBuilder member(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        return json.append(quote(name)).append(':');
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
