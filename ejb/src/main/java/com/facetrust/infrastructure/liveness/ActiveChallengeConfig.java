package com.facetrust.infrastructure.liveness;

import java.time.Duration;

/**
 * Thresholds of the active-challenge judge. Server keys (MicroProfile Config, defaults as in
 * {@link #defaults()}): {@code facetrust.liveness.active.*} with the component names in kebab case, e.g.
 * {@code facetrust.liveness.active.turn-degrees=15}.
 *
 * @param blinkEarRatio        a frame counts as "eyes closed" when its eye aspect ratio is below this share of the
 *                             track's open-eye reference (75th percentile of the track)
 * @param useEyeModel          judge eyes by the eye-state model instead of the eye aspect ratio (off: measured
 *                             unreliable on the webcam clip with glasses)
 * @param eyeModelClosedBelow  with the eye-state model: mean open probability below which the eyes count as closed
 * @param maxBlinkMillis       a closed run longer than this is "eyes shut", not a blink
 * @param mouthOpenRatio       inner-lip gap / mouth width at or above which the mouth counts as open
 * @param mouthClosedRatio     below which it counts as closed (the mouth must be seen closed before it opens)
 * @param turnDegrees          yaw change from the track's median that counts as a turn
 * @param nodDegrees           pitch drop from the median that counts as a nod (the head must come back up by half)
 * @param raiseDegrees         pitch rise from the median that counts as raising the head
 * @param sameFaceMinCosine    lowest embedding cosine between sampled frames and the first one (same person)
 * @param maxJumpBoxWidths     largest move of the face box centre between consecutive frames, in box widths
 * @param maxMissingShare      largest share of frames without a face
 * @param maxDuration          longest capture accepted for one challenge
 */
public record ActiveChallengeConfig(double blinkEarRatio, boolean useEyeModel, double eyeModelClosedBelow,
                                    long maxBlinkMillis,
                                    double mouthOpenRatio, double mouthClosedRatio, double turnDegrees,
                                    double nodDegrees, double raiseDegrees, double sameFaceMinCosine,
                                    double maxJumpBoxWidths, double maxMissingShare, Duration maxDuration) {

    public static ActiveChallengeConfig defaults() {
        return new ActiveChallengeConfig(0.75, false, 0.5, 1000, 0.30, 0.15, 15, 10, 10, 0.35, 0.5, 0.2,
                Duration.ofSeconds(20));
    }
}
