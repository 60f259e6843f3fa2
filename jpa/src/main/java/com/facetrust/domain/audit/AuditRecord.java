package com.facetrust.domain.audit;

import java.util.Objects;

/**
 * What a service says about one operation on face or related data (A-8.6, A-7.2 d, D-8.2.5 b): the action
 * (e.g. VERIFY, ENROL, SUBJECT_CREATE), its target as a pseudonym or masked identifier — never personal data in
 * clear — and its outcome ("OK" or the failure code). Recognition adds the transaction id, channel and decision.
 * Who acted and from where is added by the {@link AuditLog} from the caller's context.
 */
public record AuditRecord(String action, String target, String outcome, String transactionId, String channel,
                          String decision) {
    public AuditRecord {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    public static AuditRecord of(String action, String target, String outcome) {
        return new AuditRecord(action, target, outcome, null, null, null);
    }
}
