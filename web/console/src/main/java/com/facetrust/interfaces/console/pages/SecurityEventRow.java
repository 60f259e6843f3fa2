package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;

import jakarta.json.JsonObject;

import java.io.Serializable;

/** One warning or alarm (A-5.7.5.3) as the operator's list shows it; the target is the stored pseudonym. */
public record SecurityEventRow(String id, String raisedAt, String level, String code, String action, String target,
                               String principal, String client, String sourceAddress, String detail,
                               String acknowledgedBy, String acknowledgedAt) implements Serializable {

    static SecurityEventRow from(JsonObject o) {
        return new SecurityEventRow(ApiJson.text(o, "id"), ApiJson.text(o, "raisedAt", "raised_at", "at"),
                ApiJson.text(o, "level"), ApiJson.text(o, "code"), ApiJson.text(o, "action"),
                ApiJson.text(o, "target"), ApiJson.text(o, "principal"), ApiJson.text(o, "client", "clientId"),
                ApiJson.text(o, "sourceAddress", "source_address", "source"), ApiJson.text(o, "detail"),
                ApiJson.text(o, "acknowledgedBy", "acknowledged_by"),
                ApiJson.text(o, "acknowledgedAt", "acknowledged_at"));
    }

    public boolean isAcknowledged() {
        return !acknowledgedAt.isEmpty() || !acknowledgedBy.isEmpty();
    }

    public boolean isAlarm() {
        return "ALARM".equals(level);
    }
}
