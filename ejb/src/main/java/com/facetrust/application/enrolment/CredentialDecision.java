package com.facetrust.application.enrolment;

import com.facetrust.domain.recognition.Decision;

import java.time.Instant;

/**
 * The answer of a non-face check, in the shape of a face verification's answer: a transaction id, the
 * operation ({@code VERIFY}), the method ({@code PASSWORD_TOTP}), the decision (MATCH / NO_MATCH — never which
 * factor failed), the channel and when it was decided.
 */
public record CredentialDecision(String transactionId, String operation, String method, Decision decision,
                                 String channel, Instant decidedAt) {
}
