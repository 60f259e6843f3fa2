package com.facetrust.application.liveness;

import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.liveness.LivenessEvidence;
import com.facetrust.domain.liveness.LivenessGate;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.recognition.LivenessRequirement;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.logging.Logger;

/**
 * The {@link LivenessGate} of the server: recognition (verification, identification, ID photo) and enrolment call it
 * with their channel's requirement before any comparison (issue 6; ). The requirement logic is
 * {@link RequiredLivenessJudge}; this bean gives it the server's one engine.
 *
 * <p>On anything but LIVE it throws the judgement's {@link com.facetrust.domain.failure.FaceTrustException}: the
 * caller's transaction is cancelled with that code (A-5.7.3 d), and the REST exception mapper raises the code's event
 * (ALARM for FT-6001/6003/6006). Recognition reports {@code AttemptResult.ATTACK} to the policy for FT-6001/6006.
 * Only the verdict, the cue names and measured values survive — never a frame (A-7.2 a).
 *
 * <p>Runs outside any transaction: a burst takes up to a second of CPU and holds no database resource.
 */
@Stateless
@Local(LivenessGate.class)
@RolesAllowed({FaceTrustRoles.VERIFY, FaceTrustRoles.IDENTIFY, FaceTrustRoles.ENROL, FaceTrustRoles.OPERATOR})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LivenessGateService implements LivenessGate {
    private static final Logger LOG = Logger.getLogger(LivenessGateService.class.getName());

    @EJB
    LivenessEngineService engineService;

    /** The server clock (ServerClock): challenge deadlines are judged on the server's time, never the client's. */
    @Inject
    Clock clock;

    @Override
    public LivenessJudgement requireLive(LivenessRequirement requirement, LivenessEvidence evidence) {
        if (requirement == LivenessRequirement.NONE) {
            return null;
        }
        RequiredLivenessJudge judge = new RequiredLivenessJudge(engineService.detector(),
                engineService::mainFaceBox, clock);
        LivenessJudgement j = judge.requireLive(requirement, evidence);
        // Verdict and cue values only (no score to callers, no image anywhere): for operators' diagnosis.
        LOG.fine(() -> "liveness " + requirement + " LIVE " + j.kind() + " " + j.cues());
        return j;
    }
}
