package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;

import jakarta.json.JsonObject;

import java.io.Serializable;

/** One blocklist entry (D-8.1.4d, D-6.6e): what is blocked, why, by whom, since and until when. */
public record BlocklistRow(String id, String kind, String blocked, String reason, String createdBy, String createdAt,
                           String expiresAt) implements Serializable {

    static BlocklistRow from(JsonObject o) {
        return new BlocklistRow(ApiJson.text(o, "id"), ApiJson.text(o, "kind", "type"),
                ApiJson.text(o, "value", "cidr", "address", "device", "deviceId", "window"),
                ApiJson.text(o, "reason"), ApiJson.text(o, "createdBy", "created_by"),
                ApiJson.text(o, "createdAt", "created_at"), ApiJson.text(o, "expiresAt", "expires_at"));
    }
}
