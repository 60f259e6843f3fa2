package com.facetrust.application.enrolment;

import com.facetrust.domain.identity.SubjectStatus;

import java.time.Instant;
import java.util.List;

/** A subject as the API shows it: UID, the (decrypted) name and contact if given, consents and lifecycle dates. */
public record SubjectView(String uid, SubjectStatus status, String name, String contact, Instant createdAt,
                          Instant lastUsedAt, Instant deletionDueAt, String deletionGround, List<ConsentView> consents) {
    public SubjectView {
        consents = List.copyOf(consents);
    }
}
