package com.facetrust.interfaces.console.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the API's JSON answers for display. Pages show what the server sent, as text, and never compute with it;
 * absent fields read as "" so a page still renders when the server adds or omits a field.
 */
public final class ApiJson {
    /** Field names under which a paged answer carries its rows, in the order they are looked for. */
    static final List<String> ROW_FIELDS = List.of("items", "entries", "events", "rows", "content", "results",
            "blocklist", "channels");
    /** Field names under which a paged answer carries the total number of rows matching the filter. */
    static final List<String> TOTAL_FIELDS = List.of("total", "totalCount", "totalItems", "count");

    private ApiJson() {
    }

    /** The rows of an answer: the answer itself when it is an array, else its first array-valued row field. */
    public static List<JsonObject> rows(JsonStructure answer) {
        JsonArray array = null;
        if (answer instanceof JsonArray a) {
            array = a;
        } else if (answer instanceof JsonObject o) {
            array = ROW_FIELDS.stream().filter(name -> o.get(name) instanceof JsonArray)
                    .map(o::getJsonArray).findFirst().orElse(null);
        }
        if (array == null) {
            return List.of();
        }
        return array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    /** The total count of a paged answer, if it states one. */
    public static Optional<Long> total(JsonStructure answer) {
        if (answer instanceof JsonObject o) {
            for (String name : TOTAL_FIELDS) {
                if (o.get(name) instanceof JsonNumber n) {
                    return Optional.of(n.longValue());
                }
            }
        }
        return Optional.empty();
    }

    /** The first of the named fields that is present, as display text ("" if none is). */
    public static String text(JsonObject object, String... names) {
        for (String name : names) {
            JsonValue value = object.get(name);
            if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
                return text(value);
            }
        }
        return "";
    }

    /** A JSON value as display text: strings without quotes, arrays joined by ", ", objects as key=value pairs. */
    public static String text(JsonValue value) {
        if (value == null) {
            return "";
        }
        return switch (value.getValueType()) {
            case NULL -> "";
            case STRING -> ((JsonString) value).getString();
            case NUMBER, TRUE, FALSE -> value.toString();
            case ARRAY -> String.join(", ", value.asJsonArray().stream().map(ApiJson::text).toList());
            case OBJECT -> String.join(", ", value.asJsonObject().entrySet().stream()
                    .map(e -> e.getKey() + "=" + text(e.getValue())).toList());
        };
    }

    /** Every top-level field of an object as display text, in the server's order (for result summaries). */
    public static List<Map.Entry<String, String>> fields(JsonObject object) {
        return object.entrySet().stream().map(e -> Map.entry(e.getKey(), text(e.getValue()))).toList();
    }

    /** A boolean field, if present. */
    public static Optional<Boolean> flag(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.getValueType()) {
            case TRUE -> Optional.of(true);
            case FALSE -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
