package com.facetrust.infrastructure.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.LivenessChallenge;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Anti-replay (A-4 b): nonces are fresh, single-use, expire, and the store stays bounded. */
class InMemoryChallengeStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void nonceIsSingleUse() {
        InMemoryChallengeStore store = new InMemoryChallengeStore(InMemoryChallengeStore.Config.defaults());
        LivenessChallenge c = store.issueActive(3, T0);
        assertEquals(3, c.actions().size());
        assertEquals(3, new HashSet<>(c.actions()).size(), "distinct actions");
        assertEquals(c, store.redeem(c.nonce(), T0.plusSeconds(5)));
        FaceTrustException replay = assertThrows(FaceTrustException.class,
                () -> store.redeem(c.nonce(), T0.plusSeconds(6)));
        assertEquals(FailureCode.CHALLENGE_UNKNOWN, replay.failureCode());
    }

    @Test
    void expiredNonceIsRefusedAndForgotten() {
        InMemoryChallengeStore store = new InMemoryChallengeStore(InMemoryChallengeStore.Config.defaults());
        LivenessChallenge c = store.issueLight(6, T0);
        FaceTrustException e = assertThrows(FaceTrustException.class,
                () -> store.redeem(c.nonce(), T0.plusSeconds(30)));
        assertEquals(FailureCode.CHALLENGE_EXPIRED, e.failureCode());
        assertEquals(FailureCode.CHALLENGE_UNKNOWN,
                assertThrows(FaceTrustException.class, () -> store.redeem(c.nonce(), T0)).failureCode());
    }

    @Test
    void unknownNonceIsRefused() {
        InMemoryChallengeStore store = new InMemoryChallengeStore(InMemoryChallengeStore.Config.defaults());
        assertEquals(FailureCode.CHALLENGE_UNKNOWN,
                assertThrows(FaceTrustException.class, () -> store.redeem("made-up", T0)).failureCode());
        assertEquals(FailureCode.CHALLENGE_UNKNOWN,
                assertThrows(FaceTrustException.class, () -> store.redeem(null, T0)).failureCode());
    }

    @Test
    void noncesAreFreshAndColoursChangeEveryStep() {
        InMemoryChallengeStore store = new InMemoryChallengeStore(InMemoryChallengeStore.Config.defaults());
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            LivenessChallenge c = store.issueLight(8, T0);
            assertTrue(nonces.add(c.nonce()));
            assertTrue(c.nonce().length() >= 22, "128 bits");
            for (int k = 1; k < c.colours().size(); k++) {
                assertNotEquals(c.colours().get(k - 1), c.colours().get(k));
            }
        }
    }

    @Test
    void storeIsBoundedDroppingExpiredThenOldest() {
        InMemoryChallengeStore store = new InMemoryChallengeStore(
                new InMemoryChallengeStore.Config(Duration.ofSeconds(10), 3, Duration.ofMillis(500)));
        LivenessChallenge first = store.issueActive(1, T0);
        store.issueActive(1, T0);
        store.issueActive(1, T0);
        LivenessChallenge fourth = store.issueActive(1, T0.plusSeconds(1));
        assertEquals(3, store.size());
        assertEquals(FailureCode.CHALLENGE_UNKNOWN,
                assertThrows(FaceTrustException.class, () -> store.redeem(first.nonce(), T0)).failureCode());
        store.redeem(fourth.nonce(), T0.plusSeconds(2));
        // Later, the two remaining are expired and purged when space is needed.
        store.issueActive(1, T0.plusSeconds(20));
        store.issueActive(1, T0.plusSeconds(20));
        assertTrue(store.size() <= 3);
    }

    @Test
    void badCountsAreCallerErrors() {
        InMemoryChallengeStore store = new InMemoryChallengeStore(InMemoryChallengeStore.Config.defaults());
        assertEquals(FailureCode.BAD_REQUEST,
                assertThrows(FaceTrustException.class, () -> store.issueActive(0, T0)).failureCode());
        assertEquals(FailureCode.BAD_REQUEST,
                assertThrows(FaceTrustException.class, () -> store.issueLight(1, T0)).failureCode());
    }
}
