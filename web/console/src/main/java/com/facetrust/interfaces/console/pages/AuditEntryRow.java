package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;

import jakarta.json.JsonObject;

import java.io.Serializable;

/**
 * One audit log entry (A-8.6: who, when, from where, what, outcome) as the auditor's history shows it. The subject
 * appears only as the pseudonym the log stores, never as a UID or name; no entry carries a score (A-5.7.4c).
 */
public record AuditEntryRow(String seq, String at, String principal, String client, String sourceAddress,
                            String device, String action, String target, String outcome, String channel,
                            String decision, String transactionId) implements Serializable {

    static AuditEntryRow from(JsonObject o) {
        return new AuditEntryRow(ApiJson.text(o, "seq", "sequence", "id"),
                ApiJson.text(o, "at", "recordedAt", "occurredAt", "timestamp", "time"),
                ApiJson.text(o, "principal"), ApiJson.text(o, "client", "clientId"),
                ApiJson.text(o, "sourceAddress", "source_address", "source"), ApiJson.text(o, "device"),
                ApiJson.text(o, "action"), ApiJson.text(o, "target", "targetPseudonym", "subject"),
                ApiJson.text(o, "outcome"), ApiJson.text(o, "channel"), ApiJson.text(o, "decision"),
                ApiJson.text(o, "transactionId", "transaction_id"));
    }

    /** The pseudonym shortened for the table (the full value is in the cell's title). */
    public String getTargetShort() {
        return target.length() > 16 ? target.substring(0, 16) + "…" : target;
    }
}
