package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** One line of an aggregate report: the group (a day, channel, decision, outcome or action) and its count. */
public record ReportRow(String group, String count) implements Serializable {

    /**
     * The lines of a report answer: an array of {group/key/value…, count} objects (under a row field or as the
     * answer), or an object mapping each group to its count.
     */
    static List<ReportRow> from(JsonStructure answer) {
        List<JsonObject> objects = ApiJson.rows(answer);
        if (!objects.isEmpty()) {
            return objects.stream().map(o -> new ReportRow(
                    ApiJson.text(o, "group", "key", "value", "day", "channel", "decision", "outcome", "action", "code"),
                    ApiJson.text(o, "count", "total", "entries"))).toList();
        }
        List<ReportRow> rows = new ArrayList<>();
        if (answer instanceof JsonObject map) {
            JsonObject counts = map.get("counts") instanceof JsonObject c ? c : map;
            counts.forEach((key, value) -> {
                if (value.getValueType() == JsonValue.ValueType.NUMBER) {
                    rows.add(new ReportRow(key, ((JsonNumber) value).toString()));
                }
            });
        }
        return rows;
    }
}
