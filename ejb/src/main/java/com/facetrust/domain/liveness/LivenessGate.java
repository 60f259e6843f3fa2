package com.facetrust.domain.liveness;

import com.facetrust.domain.recognition.LivenessRequirement;

/**
 * The check recognition runs before comparing (issue 6 wired into issue 5): judges the evidence as the channel's
 * requirement asks, on the server (A-4 b). Returns normally only for a live sample; otherwise throws
 * {@link com.facetrust.domain.failure.FaceTrustException} with the 6xxx code of {@link LivenessOutcome#failureOf}
 * (attack → PRESENTATION_ATTACK, an ALARM; d), or FT-1000 when the requirement needs evidence the request
 * lacks. Implemented by a stateless EJB in {@code com.facetrust.application.liveness}.
 *
 * <p>Returns {@code null} for {@link LivenessRequirement#NONE}: nothing is decoded or judged. PASSIVE judges the
 * first frame; MULTI_FRAME needs ≥ 2 frames with capture times and CHALLENGE also the challenge nonce, else
 * LIVENESS_EVIDENCE_MISSING (FT-6007). A depth map, when present, is judged too (the worse outcome wins).
 */
public interface LivenessGate {

    LivenessJudgement requireLive(LivenessRequirement requirement, LivenessEvidence evidence);
}
