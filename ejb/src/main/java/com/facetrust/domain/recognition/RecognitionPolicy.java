package com.facetrust.domain.recognition;

/**
 * Admission and attempt counting for recognition (A-5.7.5.1 e, D-8.2.5 d, D-8.1.4 c/d, D-6.6 e). Implemented by a
 * stateless EJB in {@code com.facetrust.application.policy}.
 */
public interface RecognitionPolicy {

    /**
     * Before any face data is processed: blocklists (IP CIDR, device, time window), attempt limits per subject and
     * per client/device/address for this operation, the channel, then the risk signals. Refuses with a
     * {@link com.facetrust.domain.failure.FaceTrustException} carrying its code (blocked, too many attempts with the
     * delay left, unknown channel).
     */
    Admission admit(RecognitionAttempt attempt);

    /** After the decision (own transaction, so it counts even when the request fails). */
    void recordOutcome(RecognitionAttempt attempt, AttemptResult result);

    /** The configured policy of a channel; unknown channel → FaceTrustException. */
    ChannelPolicy channel(String name);
}
