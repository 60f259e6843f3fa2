package com.facetrust.domain.liveness;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
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

    /**
     * What {@link #redeem} answers once the store has taken a challenge out ({@code null}: nothing to take): the
     * challenge, or CHALLENGE_UNKNOWN / CHALLENGE_EXPIRED. Every store uses it, so they answer alike.
     */
    static LivenessChallenge redeemed(LivenessChallenge taken, Instant now) {
        if (taken == null) {
            throw new FaceTrustException(FailureCode.CHALLENGE_UNKNOWN, "unknown or already used challenge");
        }
        if (taken.expiredAt(now)) {
            throw new FaceTrustException(FailureCode.CHALLENGE_EXPIRED, "challenge expired at " + taken.expiresAt());
        }
        return taken;
    }
}
