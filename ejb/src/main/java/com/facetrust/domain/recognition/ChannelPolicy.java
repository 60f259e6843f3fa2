package com.facetrust.domain.recognition;

import java.util.Objects;

/**
 * The strategy of one channel (counter, kiosk, mobile, web…; A-4 f, D-6.3 e): its target false-accept rate, the
 * cosine threshold the engine's calibration maps it to, the liveness it requires and whether risk-based step-up
 * applies. Configured per deployment.
 */
public record ChannelPolicy(String name, double targetFar, double threshold, LivenessRequirement liveness,
                            boolean stepUpEnabled) {
    public ChannelPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(liveness, "liveness");
        if (!(targetFar > 0 && targetFar < 1)) {
            throw new IllegalArgumentException("targetFar must be in (0, 1): " + targetFar);
        }
        if (!(threshold > -1 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be a cosine in (-1, 1): " + threshold);
        }
    }
}
