package com.facetrust.domain.liveness;

import java.time.Instant;

/**
 * Issues challenges and redeems them exactly once (anti-replay, A-4 b "challenges expire; replayed submissions are
 * refused"). Implementations must be bounded in memory and thread-safe.
 */
public interface ChallengeStore {

    /** A new active challenge with {@code actionCount} distinct random actions in random order. */
    LivenessChallenge issueActive(int actionCount, Instant now);

    /** A new light-response challenge with {@code colourCount} random colours. */
    LivenessChallenge issueLight(int colourCount, Instant now);

    /**
     * Takes the challenge out of the store. Throws {@link com.facetrust.domain.failure.FaceTrustException} with
     * {@code CHALLENGE_UNKNOWN} when the nonce was never issued or was already used, and {@code CHALLENGE_EXPIRED}
     * when its deadline has passed.
     */
    LivenessChallenge redeem(String nonce, Instant now);
}
