package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.ChallengeAction;
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
import java.util.List;

/**
 * Draws new challenges: a 128-bit nonce from {@link SecureRandom}, distinct actions in random order, or a random
 * colour sequence without repeats in a row. Shared by every {@link com.facetrust.domain.liveness.ChallengeStore},
 * which only differ in where the open challenges are kept.
 */
public final class ChallengeDraw {

    /** Saturated, well-separated colours: each step changes the chroma the face reflects as much as possible. */
    static final List<LightColour> PALETTE = List.of(new LightColour(255, 0, 0), new LightColour(0, 255, 0),
            new LightColour(0, 0, 255), new LightColour(255, 255, 0), new LightColour(255, 0, 255),
            new LightColour(0, 255, 255));

    private final Duration lifetime;
    private final Duration colourStep;
    private final SecureRandom random;

    public ChallengeDraw(Duration lifetime, Duration colourStep, SecureRandom random) {
        this.lifetime = lifetime;
        this.colourStep = colourStep;
        this.random = random;
    }

    public LivenessChallenge active(int actionCount, Instant now) {
        List<ChallengeAction> all = new ArrayList<>(Arrays.asList(ChallengeAction.values()));
        if (actionCount < 1 || actionCount > all.size()) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "action count must be 1.." + all.size());
        }
        Collections.shuffle(all, random);
        List<ChallengeAction> chosen = new ArrayList<>(all.subList(0, actionCount));
        // Turning left and right in one challenge is fine; a nod right after a raise would blur both — allowed,
        // since each is measured against the track's median.
        return new LivenessChallenge(nonce(), LivenessCheckKind.ACTIVE_CHALLENGE, chosen, List.of(), null, now,
                now.plus(lifetime));
    }

    public LivenessChallenge light(int colourCount, Instant now) {
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
        return new LivenessChallenge(nonce(), LivenessCheckKind.LIGHT_RESPONSE, List.of(), colours, colourStep, now,
                now.plus(lifetime));
    }

    private String nonce() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
