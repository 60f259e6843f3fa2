package com.facetrust.application.audit;

import com.facetrust.domain.audit.AuditEntry;

import java.io.Serializable;
import java.time.Instant;

/**
 * One audit entry as the auditor sees it (D-6.6 f/i): who, when, from where, what, on which pseudonym, with which
 * outcome and — for recognition — transaction, channel and decision. Never a score, never personal data in clear.
 */
public record AuditEntryView(long sequence, Instant recordedAt, String principal, String clientId,
                             String sourceAddress, String device, String action, String target, String outcome,
                             String transactionId, String channel, String decision) implements Serializable {

    static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(e.sequence(), e.recordedAt(), e.principal(), e.clientId(), e.sourceAddress(),
                e.device(), e.action(), e.target(), e.outcome(), e.transactionId(), e.channel(), e.decision());
    }
}
