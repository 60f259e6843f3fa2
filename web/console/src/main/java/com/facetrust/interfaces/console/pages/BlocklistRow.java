package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;

import jakarta.json.JsonObject;

import java.io.Serializable;

/**
 * One blocklist entry (D-8.1.4d, D-6.6e) as {@code GET /policy/blocklist} lists it: what is blocked (CIDR range,
 * device id or daily window with its zone and optional channel), why, by whom, since and until when, and whether it
 * still applies.
 */
public record BlocklistRow(String id, String kind, String blocked, String zone, String channel, String reason,
                           String createdBy, String createdAt, String expiresAt, String active)
        implements Serializable {

    static BlocklistRow from(JsonObject o) {
        return new BlocklistRow(ApiJson.text(o, "id"), ApiJson.text(o, "kind"), ApiJson.text(o, "value"),
                ApiJson.text(o, "zone"), ApiJson.text(o, "channel"), ApiJson.text(o, "reason"),
                ApiJson.text(o, "createdBy"), ApiJson.text(o, "createdAt"), ApiJson.text(o, "expiresAt"),
                ApiJson.flag(o, "active").map(a -> a ? "yes" : "expired").orElse(""));
    }
}
