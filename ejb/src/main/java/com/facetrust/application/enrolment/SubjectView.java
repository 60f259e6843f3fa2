package com.facetrust.application.enrolment;

import com.facetrust.domain.identity.SubjectStatus;

import java.time.Instant;
import java.util.List;

/**
 * A subject as the API shows it: UID, the (decrypted) name and contact if given, consents and lifecycle dates;
 * {@code faceDeletionDueAt} when the face data is to be deleted (face-verification consent ended), and whether the
 * non-face way in is set up ({@code hasPassword}, {@code hasSecondFactor} — never the secrets).
 */
public record SubjectView(String uid, SubjectStatus status, String name, String contact, Instant createdAt,
                          Instant lastUsedAt, Instant deletionDueAt, String deletionGround, Instant faceDeletionDueAt,
                          boolean hasPassword, boolean hasSecondFactor, List<ConsentView> consents) {
    public SubjectView {
        consents = List.copyOf(consents);
    }
}
