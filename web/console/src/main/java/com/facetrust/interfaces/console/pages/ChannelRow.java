package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;

import jakarta.json.JsonObject;

import java.io.Serializable;

/**
 * One recognition channel's strategy (A-4f, D-6.3e) as {@code GET /policy/channels} reports it: target false-accept
 * rate, liveness requirement, step-up, whether the channel is usable, where its threshold comes from (calibration
 * bound or override — configuration, never a score) and, when unusable, why.
 */
public record ChannelRow(String name, String targetFar, String liveness, String stepUp, String usable,
                         String thresholdSource, String problem) implements Serializable {

    static ChannelRow from(JsonObject o) {
        return new ChannelRow(ApiJson.text(o, "name"), ApiJson.text(o, "targetFar"), ApiJson.text(o, "liveness"),
                ApiJson.flag(o, "stepUp").map(s -> s ? "yes" : "no").orElse(""),
                ApiJson.flag(o, "usable").map(u -> u ? "yes" : "NO").orElse(""),
                ApiJson.text(o, "thresholdSource"), ApiJson.text(o, "problem"));
    }
}
