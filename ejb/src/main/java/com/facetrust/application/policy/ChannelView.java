package com.facetrust.application.policy;

import java.io.Serializable;

/**
 * A configured recognition channel as sysadmins and operators see it (A-4 f, D-6.3 e): configuration only, no
 * threshold and no score.
 *
 * @param targetFar       the configured target false-accept rate (null when missing or malformed)
 * @param liveness        NONE, PASSIVE, MULTI_FRAME or CHALLENGE (null when missing or malformed)
 * @param thresholdSource CONSERVATIVE or POINT (from the calibration) or OVERRIDE; null when unusable
 * @param problem         why the channel was refused at start (null when usable)
 */
public record ChannelView(String name, Double targetFar, String liveness, boolean stepUp, boolean usable,
                          String thresholdSource, String problem) implements Serializable {
}
