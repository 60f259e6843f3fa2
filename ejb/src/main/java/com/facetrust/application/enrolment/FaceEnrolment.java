package com.facetrust.application.enrolment;

import com.facetrust.application.audit.Audited;
import com.facetrust.application.face.FaceEngineService;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.Embedding;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.face.QualityCheck;
import com.facetrust.domain.face.QualityProfile;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.liveness.LivenessEvidence;
import com.facetrust.domain.liveness.LivenessGate;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.domain.recognition.LivenessRequirement;
import com.facetrust.infrastructure.face.FaceEngine;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Enrols face references from images (A-5.6.1, D-6.2f): consent first (D-8.2.5a), then for each image the engine's
 * analysis with the enrolment quality profile — one clear face (several competing faces are refused), quality gate
 * with the failed checks as reasons (FT-2003) — then the embedding is protected (keyed domain transform + AES-GCM
 * under the subject's data key, bound to the keyed pseudonym and the new reference id) and all references are written
 * in one XA transaction by {@link ReferenceLedger}. One bad image refuses the whole request; nothing is written.
 *
 * <p>Images are zeroed as soon as they are analysed (A-7.2a) and in every failure path; they are never written to a
 * database, a file or a log. Embeddings are wiped after protection. The analysis runs outside any transaction: it
 * takes time and holds no database resources.
 */
@Stateless
@RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.ENROL})
public class FaceEnrolment {
    private static final Logger LOG = Logger.getLogger(FaceEnrolment.class.getName());
    private static final AnalysisOptions ENROLMENT =
            new AnalysisOptions(QualityProfile.enrolment(), true, /* rejectAmbiguousFaces */ true);

    @EJB
    FaceEngineService engineService;

    @EJB
    TemplateProtectionService keys;

    @EJB
    ReferenceLedger ledger;

    @EJB
    LivenessGate livenessGate;

    @Inject
    EnrolmentSettings settings;

    @Inject
    Clock clock;

    /** The outcome: the new references (ids and metadata, never templates). */
    public record EnrolmentResult(String uid, List<ReferenceView> references) {
        public EnrolmentResult {
            references = List.copyOf(references);
        }
    }

    /**
     * Enrols every image as one new reference of the subject. The arrays are zeroed before this returns, whatever
     * the outcome.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Audited(action = "ENROL", subjectParameter = 0)
    public EnrolmentResult enrol(String uid, List<byte[]> images) {
        return enrol(uid, images, null, false);
    }

    /**
     * Enrolment with liveness evidence (issue 6: liveness usable by enrolment) for a
     * {@code facetrust.enrolment.liveness} of MULTI_FRAME or CHALLENGE: the burst or the frames of an issued
     * challenge, judged before any image is analysed. The evidence's frames are the caller's to zero.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Audited(action = "ENROL", subjectParameter = 0)
    public EnrolmentResult enrol(String uid, List<byte[]> images, LivenessEvidence liveness) {
        return enrol(uid, images, liveness, false);
    }

    /**
     * Re-enrolment (D-5.3.3): the images replace all of the subject's references in one XA transaction. Callers
     * verify the subject with two factors first ({@link SubjectVerification#reEnrolVerified}).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Audited(action = "RE_ENROL", subjectParameter = 0)
    public EnrolmentResult replaceAll(String uid, List<byte[]> images) {
        return enrol(uid, images, null, true);
    }

    private EnrolmentResult enrol(String uid, List<byte[]> images, LivenessEvidence liveness, boolean replacing) {
        try {
            if (images == null || images.isEmpty() || images.stream().anyMatch(i -> i == null || i.length == 0)) {
                throw new FaceTrustException(FailureCode.IMAGE_MISSING, "at least one non-empty image is required");
            }
            if (images.size() > settings.maxImagesPerRequest()) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "at most " + settings.maxImagesPerRequest()
                        + " images per request", List.of("max-images:" + settings.maxImagesPerRequest()));
            }
            // D-8.2.5a: consent, status and room are checked before any face data is processed.
            ReferenceLedger.EnrolableSubject subject = ledger.checkEnrolable(uid, images.size(), replacing);
            engineService.engine(); // ENGINE_UNAVAILABLE before any key is made
            requireLive(images, liveness);
            boolean newKey = subject.dataKeyId().isEmpty();
            UUID dataKeyId = subject.dataKeyId().orElseGet(() -> keys.keyStore().createDataKey());
            try {
                return protectAndRecord(uid, images, dataKeyId, replacing);
            } catch (RuntimeException e) {
                if (newKey) {
                    // Nothing was stored under the key made for this attempt: leave no orphan key behind.
                    keys.keyStore().destroyDataKey(dataKeyId);
                }
                throw e;
            }
        } finally {
            if (images != null) {
                images.forEach(i -> {
                    if (i != null) {
                        Arrays.fill(i, (byte) 0);
                    }
                });
            }
        }
    }

    private EnrolmentResult protectAndRecord(String uid, List<byte[]> images, UUID dataKeyId, boolean replacing) {
        FaceEngine engine = engineService.engine();
        String pseudonym = keys.pseudonymizer().pseudonym(uid);
        String modelVersion = modelVersion(engine);
        Instant now = clock.instant();

        List<FaceReference> references = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            Embedding embedding = analyse(engine, images, i);
            String referenceId = FaceReference.newReferenceId();
            TemplateBinding binding = new TemplateBinding(pseudonym, referenceId, keys.domain());
            float[] values = embedding.values();
            try {
                ProtectedTemplate template = keys.protector().protect(values, binding, dataKeyId);
                references.add(new FaceReference(referenceId, pseudonym, keys.domain().name(), template.encode(),
                        template.domainKeyVersion(), modelVersion, now));
            } finally {
                Arrays.fill(values, 0f);
                embedding.wipe();
            }
        }
        List<ReferenceView> written = ledger.addReferences(uid, dataKeyId, references, replacing);
        LOG.info(() -> "Subject " + uid + ": " + written.size() + " face reference(s) enrolled"
                + (replacing ? ", replacing the earlier ones" : ""));
        return new EnrolmentResult(uid, written);
    }

    /** Analyses image i, zeroes it at once, and returns the embedding of an acceptable face or throws a code. */
    private static Embedding analyse(FaceEngine engine, List<byte[]> images, int i) {
        FaceAnalysis analysis;
        try {
            analysis = engine.analyze(images.get(i), ENROLMENT);
        } catch (FaceTrustException e) {
            throw images.size() == 1 ? e : new FaceTrustException(e.failureCode(), "image " + (i + 1) + ": "
                    + stripCode(e), prefixed(e.reasons(), i), e);
        } finally {
            Arrays.fill(images.get(i), (byte) 0); // A-7.2a: discarded right after use
        }
        if (!analysis.quality().acceptable()) {
            if (analysis.embedding() != null) {
                analysis.embedding().wipe();
            }
            List<String> reasons = analysis.quality().failedChecks().stream().map(QualityCheck::describe).toList();
            throw new FaceTrustException(FailureCode.QUALITY_INSUFFICIENT, (images.size() == 1 ? "" : "image "
                    + (i + 1) + ": ") + "face quality below the enrolment profile: "
                    + analysis.quality().failedReasons(), images.size() == 1 ? reasons : prefixed(reasons, i));
        }
        if (analysis.embedding() == null) {
            throw new FaceTrustException(FailureCode.FEATURE_EXTRACTION_FAILED, "no template could be extracted");
        }
        return analysis.embedding();
    }

    private static List<String> prefixed(List<String> reasons, int i) {
        return reasons.stream().map(r -> "image " + (i + 1) + ": " + r).toList();
    }

    private static String stripCode(FaceTrustException e) {
        String prefix = e.failureCode().code() + " ";
        String m = e.getMessage();
        return m != null && m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /**
     * The enrolment liveness requirement ({@code facetrust.enrolment.liveness}, A-5.5, issue 6), checked after
     * consent and before any template is made: with PASSIVE, MULTI_FRAME or CHALLENGE every image to enrol must
     * pass the single-frame check (a printed or replayed photo is not enrolled); MULTI_FRAME and CHALLENGE also
     * need the burst or challenge evidence of the request (FT-6007 without it). An attack ends the request with
     * FT-6001 (ALARM) and nothing is written.
     */
    private void requireLive(List<byte[]> images, LivenessEvidence liveness) {
        LivenessRequirement requirement = settings.liveness();
        if (requirement == LivenessRequirement.NONE) {
            return;
        }
        if (requirement != LivenessRequirement.PASSIVE) {
            if (liveness == null || liveness.frames().isEmpty()) {
                throw new FaceTrustException(FailureCode.LIVENESS_EVIDENCE_MISSING, "enrolment here requires "
                        + requirement + " liveness evidence (\"liveness\": {\"frames\": [...]"
                        + (requirement == LivenessRequirement.CHALLENGE ? ", \"challengeNonce\": ...}" : "}") + ")",
                        List.of("liveness"));
            }
            livenessGate.requireLive(requirement, liveness);
        }
        for (int i = 0; i < images.size(); i++) {
            try {
                livenessGate.requireLive(LivenessRequirement.PASSIVE,
                        new LivenessEvidence(List.of(images.get(i)), null, null, null));
            } catch (FaceTrustException e) {
                throw images.size() == 1 ? e : new FaceTrustException(e.failureCode(), "image " + (i + 1) + ": "
                        + stripCode(e), prefixed(e.reasons(), i), e);
            }
        }
    }

    /**
     * The embedding of one image under the enrolment profile (one clear face, quality gate), for batch import; the
     * image is zeroed. Throws the same codes as enrolment.
     */
    public static Embedding enrolmentEmbedding(FaceEngine engine, byte[] image) {
        List<byte[]> one = new ArrayList<>(1);
        one.add(image);
        return analyse(engine, one, 0);
    }

    /** Which model produced the templates: templates of different models never compare. */
    public static String modelVersion(FaceEngine engine) {
        return engine.manifest().stream()
                .filter(m -> m.file().startsWith("fr_feature"))
                .findFirst()
                .map(m -> m.file() + "@sha256:" + m.sha256().substring(0, Math.min(16, m.sha256().length())))
                .orElse("unknown-model");
    }

}
