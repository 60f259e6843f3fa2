package com.facetrust.domain.recognition;

import java.util.List;
import java.util.Objects;

/**
 * An attempt let through by {@link RecognitionPolicy#admit}: the channel's policy to decide with and whether the
 * risk assessment asks for a second factor instead of a decision (with the signals that made it ask).
 */
public record Admission(ChannelPolicy channel, boolean stepUpRequired, List<String> riskReasons) {
    public Admission {
        Objects.requireNonNull(channel, "channel");
        riskReasons = List.copyOf(riskReasons);
    }
}
