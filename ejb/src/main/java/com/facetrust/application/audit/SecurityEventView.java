package com.facetrust.application.audit;

import com.facetrust.domain.audit.SecurityEvent;

import java.io.Serializable;
import java.time.Instant;

/**
 * A stored warning or alarm as operators see it (A-5.7.5.3): no personal data in clear — the target is a pseudonym
 * or masked identifier, the detail a short technical text.
 */
public record SecurityEventView(long id, Instant raisedAt, String level, String code, String action, String target,
                                String principal, String clientId, String sourceAddress, String detail,
                                String acknowledgedBy, Instant acknowledgedAt) implements Serializable {

    static SecurityEventView of(SecurityEvent e) {
        return new SecurityEventView(e.id(), e.raisedAt(), e.level().name(), e.code(), e.action(), e.target(),
                e.principal(), e.clientId(), e.sourceAddress(), e.detail(), e.acknowledgedBy(), e.acknowledgedAt());
    }
}
