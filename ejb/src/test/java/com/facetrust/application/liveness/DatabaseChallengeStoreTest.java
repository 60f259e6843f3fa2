package com.facetrust.application.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.facetrust.domain.challenge.IssuedChallenge;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.infrastructure.liveness.ChallengeDraw;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The row of the shared challenge store keeps everything a judge needs, and the nonce only as its hash. */
class DatabaseChallengeStoreTest {

    private final ChallengeDraw draw = new ChallengeDraw(Duration.ofSeconds(30), Duration.ofMillis(500),
            new SecureRandom());

    @Test
    void activeAndLightChallengesSurviveTheirRow() {
        Instant now = Instant.parse("2026-11-22T08:00:00Z");
        for (LivenessChallenge c : new LivenessChallenge[] {draw.active(3, now), draw.light(6, now)}) {
            IssuedChallenge row = DatabaseChallengeStore.rowOf(c);
            assertEquals(c, DatabaseChallengeStore.challengeOf(c.nonce(), row));
            assertEquals(64, row.nonceHash().length());
            assertNotEquals(c.nonce(), row.nonceHash());
        }
    }

    @Test
    void theHashIsSha256OfTheNonce() {
        // SHA-256("abc"), FIPS 180-2 test vector.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                DatabaseChallengeStore.hash("abc"));
    }
}
