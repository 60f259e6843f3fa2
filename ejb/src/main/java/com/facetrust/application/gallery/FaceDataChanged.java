package com.facetrust.application.gallery;

import com.facetrust.domain.protection.ApplicationDomain;

import java.util.Objects;

/**
 * Fired INSIDE a transaction that changed what the 1:N gallery may hold: a subject's references (enrolment,
 * re-enrolment, removal), its status (deregistration, scheduled deletion, deletion) or its identification consent;
 * or every template of a domain (key rotation); or everything (service stop). The gallery observes it only after the
 * transaction commits ({@code TransactionPhase.AFTER_SUCCESS}) and then re-reads the committed state, so a rolled-back
 * change never shows and the event needs to say only WHO changed, not how.
 *
 * @param uid    the subject, or null when the change is not about one subject
 * @param domain the application domain whose templates were all re-issued, or null
 * @param cause  why (for the log), e.g. "enrolment", "consent-withdrawn", "deleted"
 */
public record FaceDataChanged(String uid, ApplicationDomain domain, String cause) {

    public FaceDataChanged {
        Objects.requireNonNull(cause, "cause");
    }

    /** One subject changed. */
    public static FaceDataChanged subject(String uid, String cause) {
        return new FaceDataChanged(Objects.requireNonNull(uid, "uid"), null, cause);
    }

    /** Every template of a domain changed (key rotation): the domain is reloaded. */
    public static FaceDataChanged domain(ApplicationDomain domain, String cause) {
        return new FaceDataChanged(null, Objects.requireNonNull(domain, "domain"), cause);
    }

    /** Anything may have changed (e.g. every subject scheduled for deletion): the whole gallery is reloaded. */
    public static FaceDataChanged everything(String cause) {
        return new FaceDataChanged(null, null, cause);
    }
}
