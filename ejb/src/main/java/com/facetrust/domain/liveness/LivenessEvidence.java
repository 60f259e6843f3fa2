package com.facetrust.domain.liveness;

import java.util.List;
import java.util.Objects;

/**
 * What a recognition request brings for its liveness check: the encoded frames (one for a passive check, a burst or
 * a challenge's frames otherwise) with capture times relative to the first, the nonce of a server-issued challenge
 * when one was taken, and an optional depth map of the first frame.
 */
public record LivenessEvidence(List<byte[]> frames, long[] timestampsMillis, String challengeNonce, DepthMap depth) {
    public LivenessEvidence {
        frames = List.copyOf(Objects.requireNonNull(frames, "frames"));
        timestampsMillis = timestampsMillis == null ? null : timestampsMillis.clone();
    }
}
