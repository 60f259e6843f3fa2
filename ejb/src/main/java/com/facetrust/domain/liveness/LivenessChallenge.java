package com.facetrust.domain.liveness;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A challenge the server issued: a single-use nonce with a deadline, and either ordered actions (active challenge)
 * or a colour sequence the client shows for {@code colourStep} each, starting when capture starts (light response).
 * The nonce binds the submission to this challenge; the store forgets it on first use or on expiry (anti-replay).
 */
public record LivenessChallenge(String nonce, LivenessCheckKind kind, List<ChallengeAction> actions,
                                List<LightColour> colours, Duration colourStep, Instant issuedAt, Instant expiresAt) {

    public LivenessChallenge {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(kind, "kind");
        actions = List.copyOf(actions);
        colours = List.copyOf(colours);
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (kind == LivenessCheckKind.ACTIVE_CHALLENGE && actions.isEmpty()) {
            throw new IllegalArgumentException("an active challenge needs actions");
        }
        if (kind == LivenessCheckKind.LIGHT_RESPONSE && (colours.size() < 2 || colourStep == null
                || colourStep.isNegative() || colourStep.isZero())) {
            throw new IllegalArgumentException("a light-response challenge needs >= 2 colours and a positive step");
        }
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
