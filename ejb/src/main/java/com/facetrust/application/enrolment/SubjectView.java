package com.facetrust.application.enrolment;

import com.facetrust.domain.identity.SubjectStatus;

import java.time.Instant;
import java.util.List;

/** A subject as the API shows it: no personal data beyond the random UID, its consents and lifecycle dates. */
public record SubjectView(String uid, SubjectStatus status, Instant createdAt, Instant lastUsedAt,
                          Instant deletionDueAt, String deletionGround, List<ConsentView> consents) {
    public SubjectView {
        consents = List.copyOf(consents);
    }
}
