/**
 * Liveness in the server (issue 6 wired into issue 5): {@link com.facetrust.application.liveness.LivenessEngineService}
 * holds the one {@link com.facetrust.infrastructure.liveness.LivenessEngine} of the server (on the face engine's
 * models, with the server's single challenge store), {@link com.facetrust.application.liveness.LivenessGateService}
 * is the {@link com.facetrust.domain.liveness.LivenessGate} recognition and enrolment call before any comparison,
 * and {@link com.facetrust.application.liveness.LivenessChallenges} issues the server's challenges (A-5.5.1,
 * b). Judgements are made here from what the server measured (A-4 b); no frame is kept (A-5.7.3 d).
 */
package com.facetrust.application.liveness;
