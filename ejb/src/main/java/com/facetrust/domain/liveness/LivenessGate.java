package com.facetrust.domain.liveness;

import com.facetrust.domain.recognition.LivenessRequirement;

/**
 * The check recognition runs before comparing (issue 6 wired into issue 5): judges the evidence as the channel's
 * requirement asks, on the server (A-4 b). Returns normally only for a live sample; otherwise throws
 * {@link com.facetrust.domain.failure.FaceTrustException} with the 6xxx code of {@link LivenessOutcome#failureOf}
 * (attack → PRESENTATION_ATTACK, an ALARM; d), or FT-1000 when the requirement needs evidence the request
 * lacks. Implemented by a stateless EJB in {@code com.facetrust.application.liveness}.
 */
public interface LivenessGate {

    LivenessJudgement requireLive(LivenessRequirement requirement, LivenessEvidence evidence);
}
