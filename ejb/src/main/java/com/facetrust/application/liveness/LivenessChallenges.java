package com.facetrust.application.liveness;

import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.domain.liveness.LivenessCheckKind;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;

/**
 * Issues the server's liveness challenges (A-5.5.1 active, A-5.5.2 b light response): a single-use 128-bit nonce
 * with a deadline, held in the server's one store ({@link LivenessEngineService}). The client performs it while
 * capturing and sends the frames with {@code challengeNonce} to a verification, identification, enrolment or
 * liveness check whose requirement is CHALLENGE.
 *
 * <p>Configuration: {@code facetrust.liveness.challenge.default-actions} [2] actions when the request names none
 * (1–6); {@code facetrust.liveness.challenge.default-colours} [6] colours of a light challenge (2–64; × the colour
 * step of 0.5 s = 3 s of capture).
 */
@Stateless
@RolesAllowed({FaceTrustRoles.VERIFY, FaceTrustRoles.IDENTIFY, FaceTrustRoles.ENROL, FaceTrustRoles.OPERATOR})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LivenessChallenges {

    @EJB
    LivenessEngineService engineService;

    /** The server clock (ServerClock), the same the gate judges deadlines with. */
    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "facetrust.liveness.challenge.default-actions", defaultValue = "2")
    int defaultActions;

    @Inject
    @ConfigProperty(name = "facetrust.liveness.challenge.default-colours", defaultValue = "6")
    int defaultColours;

    /**
     * @param kind  ACTIVE_CHALLENGE or LIGHT_RESPONSE; anything else is FT-3003
     * @param count actions (active) or colours (light); null for the configured default; out of range → FT-3003
     */
    public LivenessChallenge issue(LivenessCheckKind kind, Integer count) {
        if (kind == null) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "kind must be ACTIVE or LIGHT", java.util.List.of("kind"));
        }
        return switch (kind) {
            case ACTIVE_CHALLENGE -> engineService.detector()
                    .issueActiveChallenge(count == null ? defaultActions : count, clock.instant());
            case LIGHT_RESPONSE -> engineService.detector()
                    .issueLightChallenge(count == null ? defaultColours : count, clock.instant());
            default -> throw new FaceTrustException(FailureCode.BAD_REQUEST, "kind must be ACTIVE or LIGHT",
                    java.util.List.of("kind"));
        };
    }
}
