package com.facetrust.application.recognition;

import java.util.List;

/**
 * The subject a verification claims, as the stores know it: either usable — active, with an effective
 * face-verification consent and at least one reference — with its stored references, or unavailable with the reason
 * operators see (the caller never does: it gets NO_MATCH, A-5.7.5.3 a).
 */
public record ClaimedSubject(String pseudonym, List<StoredReference> references, String unavailableReason) {

    /** One protected reference row: what its integrity binding is made of, and the stored template. */
    public record StoredReference(String referenceId, String pseudonym, String domain, int keyVersion, byte[] template) {
    }

    static ClaimedSubject usable(String pseudonym, List<StoredReference> references) {
        return new ClaimedSubject(pseudonym, List.copyOf(references), null);
    }

    static ClaimedSubject unavailable(String pseudonym, String reason) {
        return new ClaimedSubject(pseudonym, List.of(), reason);
    }

    public boolean isUsable() {
        return unavailableReason == null;
    }
}
