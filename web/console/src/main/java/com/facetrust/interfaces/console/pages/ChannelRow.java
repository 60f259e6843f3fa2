package com.facetrust.interfaces.console.pages;

import com.facetrust.interfaces.console.api.ApiJson;

import jakarta.json.JsonObject;

import java.io.Serializable;

/**
 * One recognition channel's strategy (A-4f, D-6.3e): its target false-accept rate, liveness requirement and whether
 * risk signals ask for a second factor. Configuration, not a score.
 */
public record ChannelRow(String name, String targetFar, String liveness, String stepUp, String usable)
        implements Serializable {

    static ChannelRow from(JsonObject o) {
        return new ChannelRow(ApiJson.text(o, "name", "channel"), ApiJson.text(o, "targetFar", "target-far", "far"),
                ApiJson.text(o, "liveness"), ApiJson.text(o, "stepUp", "step-up"),
                ApiJson.text(o, "usable", "available", "enabled"));
    }
}
