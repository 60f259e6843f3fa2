package com.facetrust.application.recognition;

import java.util.List;

/**
 * The subject a verification claims, as the stores know it: either usable — active, with an effective
 * face-verification consent and at least one reference — with its stored references, or unavailable with the reason
 * operators see (the caller never does: it gets NO_MATCH, A-5.7.5.3 a). {@code lastUsedAt}: when the subject was
 * last used, so a MATCH restamps it only when the stamp is stale.
 */
public record ClaimedSubject(String pseudonym, List<StoredReference> references, String unavailableReason,
                             java.time.Instant lastUsedAt) {

    /** One protected reference row: what its integrity binding is made of, and the stored template. */
    public record StoredReference(String referenceId, String pseudonym, String domain, int keyVersion, byte[] template) {
    }

    static ClaimedSubject usable(String pseudonym, List<StoredReference> references, java.time.Instant lastUsedAt) {
        return new ClaimedSubject(pseudonym, List.copyOf(references), null, lastUsedAt);
    }

    static ClaimedSubject unavailable(String pseudonym, String reason) {
        return new ClaimedSubject(pseudonym, List.of(), reason, null);
    }

    public boolean isUsable() {
        return unavailableReason == null;
    }
}
