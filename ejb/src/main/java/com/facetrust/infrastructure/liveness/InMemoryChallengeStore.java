package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.liveness.ChallengeStore;
import com.facetrust.domain.liveness.LivenessChallenge;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Single-use challenges held in memory, bounded in number and lifetime. Nonces are 128 random bits from
 * {@link SecureRandom}; {@code redeem} removes the entry, so a second submission with the same nonce finds nothing
 * (replay refused). When full, expired entries are purged first and then the oldest is dropped — an attacker
 * flooding the issue endpoint can only make honest challenges fail, never make a stale one valid.
 *
 * <p>One server node only; a cluster uses the database store instead ({@code facetrust.liveness.challenge.store=
 * database}, {@code com.facetrust.application.liveness.DatabaseChallengeStore}).
 */
public final class InMemoryChallengeStore implements ChallengeStore {

    /**
     * Server keys {@code facetrust.liveness.challenge.*}: {@code lifetime} (default PT30S), {@code capacity}
     * (10000), {@code colour-step} (PT0.5S).
     */
    public record Config(Duration lifetime, int capacity, Duration colourStep) {
        public static Config defaults() {
            return new Config(Duration.ofSeconds(30), 10_000, Duration.ofMillis(500));
        }
    }

    private final Config config;
    private final ChallengeDraw draw;
    private final LinkedHashMap<String, LivenessChallenge> challenges = new LinkedHashMap<>();

    public InMemoryChallengeStore(Config config) {
        this(config, new SecureRandom());
    }

    InMemoryChallengeStore(Config config, SecureRandom random) {
        if (config.capacity() < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.config = config;
        this.draw = new ChallengeDraw(config.lifetime(), config.colourStep(), random);
    }

    @Override
    public LivenessChallenge issueActive(int actionCount, Instant now) {
        return store(draw.active(actionCount, now));
    }

    @Override
    public LivenessChallenge issueLight(int colourCount, Instant now) {
        return store(draw.light(colourCount, now));
    }

    @Override
    public synchronized LivenessChallenge redeem(String nonce, Instant now) {
        return ChallengeStore.redeemed(nonce == null ? null : challenges.remove(nonce), now);
    }

    public synchronized int size() {
        return challenges.size();
    }

    private synchronized LivenessChallenge store(LivenessChallenge c) {
        if (challenges.size() >= config.capacity()) {
            purgeExpired(c.issuedAt());
        }
        if (challenges.size() >= config.capacity()) {
            Iterator<Map.Entry<String, LivenessChallenge>> oldest = challenges.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        challenges.put(c.nonce(), c);
        return c;
    }

    private void purgeExpired(Instant now) {
        challenges.values().removeIf(c -> c.expiredAt(now));
    }
}
