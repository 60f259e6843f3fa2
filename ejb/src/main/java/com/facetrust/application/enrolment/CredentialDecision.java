package com.facetrust.application.enrolment;

import com.facetrust.domain.recognition.Decision;

import java.time.Instant;

/**
 * The answer of a non-face check, in the shape of a face verification's answer: a transaction id, the
 * operation ({@code VERIFY}), the method ({@code PASSWORD_TOTP}), the decision (MATCH / NO_MATCH — never which
 * factor failed), the channel, when it was decided, and {@code jws}: the same fields with the subject's UID signed
 * with the decision-signing key (ES256, keys at {@code GET /api/v1/decisions/keys}), so a relying application can
 * trust a decision passed on to it as it trusts a face decision.
 */
public record CredentialDecision(String transactionId, String operation, String method, Decision decision,
                                 String channel, Instant decidedAt, String jws) {

    CredentialDecision signed(String compactJws) {
        return new CredentialDecision(transactionId, operation, method, decision, channel, decidedAt, compactJws);
    }
}
