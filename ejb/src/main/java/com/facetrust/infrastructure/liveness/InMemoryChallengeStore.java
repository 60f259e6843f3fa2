package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.ChallengeAction;
import com.facetrust.domain.liveness.ChallengeStore;
import com.facetrust.domain.liveness.LightColour;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessCheckKind;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-use challenges held in memory, bounded in number and lifetime. Nonces are 128 random bits from
 * {@link SecureRandom}; {@code redeem} removes the entry, so a second submission with the same nonce finds nothing
 * (replay refused). When full, expired entries are purged first and then the oldest is dropped — an attacker
 * flooding the issue endpoint can only make honest challenges fail, never make a stale one valid.
 *
 * <p>One server node only: a cluster would need a shared store (the same interface over the database).
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

    /** Saturated, well-separated colours: each step changes the chroma the face reflects as much as possible. */
    static final List<LightColour> PALETTE = List.of(new LightColour(255, 0, 0), new LightColour(0, 255, 0),
            new LightColour(0, 0, 255), new LightColour(255, 255, 0), new LightColour(255, 0, 255),
            new LightColour(0, 255, 255));

    private final Config config;
    private final SecureRandom random;
    private final LinkedHashMap<String, LivenessChallenge> challenges = new LinkedHashMap<>();

    public InMemoryChallengeStore(Config config) {
        this(config, new SecureRandom());
    }

    InMemoryChallengeStore(Config config, SecureRandom random) {
        if (config.capacity() < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.config = config;
        this.random = random;
    }

    @Override
    public LivenessChallenge issueActive(int actionCount, Instant now) {
        List<ChallengeAction> all = new ArrayList<>(Arrays.asList(ChallengeAction.values()));
        if (actionCount < 1 || actionCount > all.size()) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "action count must be 1.." + all.size());
        }
        Collections.shuffle(all, random);
        List<ChallengeAction> chosen = new ArrayList<>(all.subList(0, actionCount));
        // Turning left and right in one challenge is fine; a nod right after a raise would blur both — allowed,
        // since each is measured against the track's median.
        return store(new LivenessChallenge(newNonce(), LivenessCheckKind.ACTIVE_CHALLENGE, chosen, List.of(), null,
                now, now.plus(config.lifetime())));
    }

    @Override
    public LivenessChallenge issueLight(int colourCount, Instant now) {
        if (colourCount < 2 || colourCount > 64) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "colour count must be 2..64");
        }
        List<LightColour> colours = new ArrayList<>();
        for (int i = 0; i < colourCount; i++) {
            LightColour next;
            do {
                next = PALETTE.get(random.nextInt(PALETTE.size()));
            } while (!colours.isEmpty() && colours.get(colours.size() - 1).equals(next));
            colours.add(next);
        }
        return store(new LivenessChallenge(newNonce(), LivenessCheckKind.LIGHT_RESPONSE, List.of(), colours,
                config.colourStep(), now, now.plus(config.lifetime())));
    }

    @Override
    public synchronized LivenessChallenge redeem(String nonce, Instant now) {
        LivenessChallenge c = nonce == null ? null : challenges.remove(nonce);
        if (c == null) {
            throw new FaceTrustException(FailureCode.CHALLENGE_UNKNOWN, "unknown or already used challenge");
        }
        if (c.expiredAt(now)) {
            throw new FaceTrustException(FailureCode.CHALLENGE_EXPIRED, "challenge expired at " + c.expiresAt());
        }
        return c;
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

    private String newNonce() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
