package com.facetrust.application.liveness;

import com.facetrust.application.audit.Audited;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.liveness.LivenessEvidence;
import com.facetrust.domain.liveness.LivenessGate;
import com.facetrust.domain.liveness.LivenessJudgement;
import com.facetrust.domain.recognition.LivenessRequirement;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * A liveness check on its own ({@code POST /api/v1/liveness/checks}), e.g. before an enrolment: the gate's judgement,
 * audited as {@code LIVENESS_CHECK} with its outcome (OK or the failure code, A-8.6, A-5.7.3 d — the audit keeps the
 * verdict, never a frame). Recognition and enrolment call the gate directly inside their own audited operation.
 */
@Stateless
@RolesAllowed({FaceTrustRoles.VERIFY, FaceTrustRoles.IDENTIFY, FaceTrustRoles.ENROL, FaceTrustRoles.OPERATOR})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StandaloneLivenessCheck {

    @EJB
    LivenessGate gate;

    @Audited(action = "LIVENESS_CHECK")
    public LivenessJudgement check(LivenessRequirement requirement, LivenessEvidence evidence) {
        return gate.requireLive(requirement, evidence);
    }
}
