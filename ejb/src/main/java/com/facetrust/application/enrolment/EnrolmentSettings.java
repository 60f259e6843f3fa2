package com.facetrust.application.enrolment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits of enrolment (MicroProfile Config):
 * {@code facetrust.enrolment.max-references} [5] — face references one subject may hold (D-6.2f: several under
 * different conditions, capped); {@code facetrust.enrolment.max-images-per-request} [5];
 * {@code facetrust.enrolment.max-request-bytes} [8388608] — the REST layer refuses a larger body before reading it (kept below
 * Undertow's own max-post-size of 10 MiB, so the caller gets FT-3005 rather than a dropped connection);
 * {@code facetrust.enrolment.liveness} [NONE] — liveness required of enrolment images (NONE, PASSIVE, MULTI_FRAME,
 * CHALLENGE; issue 6): NONE suits attended enrolment where an operator sees the person;
 * {@code facetrust.enrolment.liveness-match-far} [1e-3] — with MULTI_FRAME or CHALLENGE, every face to enrol must
 * match the evidence's first frame at the calibrated threshold of this target FAR ({@link LiveFaceMatch});
 * {@code facetrust.enrolment.evidence-candidates} [8] — frames of the evidence analysed to pick the one to enrol
 * when a request sends evidence but no image ({@link EvidenceFrameChoice}).
 */
@ApplicationScoped
public class EnrolmentSettings {

    @Inject
    @ConfigProperty(name = "facetrust.enrolment.max-references", defaultValue = "5")
    int maxReferences;

    @Inject
    @ConfigProperty(name = "facetrust.enrolment.max-images-per-request", defaultValue = "5")
    int maxImagesPerRequest;

    @Inject
    @ConfigProperty(name = "facetrust.enrolment.max-request-bytes", defaultValue = "8388608")
    long maxRequestBytes;

    @Inject
    @ConfigProperty(name = "facetrust.enrolment.liveness", defaultValue = "NONE")
    String liveness;

    @Inject
    @ConfigProperty(name = LiveFaceMatch.FAR_KEY, defaultValue = "1e-3")
    double livenessMatchFar;

    @Inject
    @ConfigProperty(name = "facetrust.enrolment.evidence-candidates", defaultValue = "8")
    int evidenceCandidates;

    private volatile LiveFaceMatch liveFaceMatch;

    public int maxReferences() { return maxReferences; }
    public int maxImagesPerRequest() { return maxImagesPerRequest; }
    public long maxRequestBytes() { return maxRequestBytes; }
    public int evidenceCandidates() { return Math.max(1, evidenceCandidates); }

    /** The live-face tie's threshold, from the shipped calibration; FT-5106 while the target FAR is unusable. */
    public LiveFaceMatch liveFaceMatch() {
        LiveFaceMatch m = liveFaceMatch;
        if (m == null) {
            m = LiveFaceMatch.forTargetFar(livenessMatchFar,
                    com.facetrust.infrastructure.face.CalibratedThresholds.fromClasspath());
            liveFaceMatch = m;
        }
        return m;
    }

    public com.facetrust.domain.recognition.LivenessRequirement liveness() {
        return com.facetrust.domain.recognition.LivenessRequirement.valueOf(
                liveness.strip().toUpperCase(java.util.Locale.ROOT));
    }
}
