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
 * <p>With {@code facetrust.enrolment.liveness} MULTI_FRAME or CHALLENGE the enrolled faces are tied to the live one
 * (issue 6): each image's enrolment embedding — computed once, then compared, then protected — must match the
 * evidence's first frame ({@link LiveFaceMatch}, FT-6008 ALARM otherwise, nothing written), and a request with
 * evidence but no image enrols the evidence's best frame ({@link EvidenceFrameChoice}).
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
     * challenge, judged before any image is analysed. Every image must then show the face of the evidence's first
     * frame ({@link LiveFaceMatch}, FT-6008 otherwise); with no image the evidence's best frame is enrolled
     * ({@link EvidenceFrameChoice}). Images and frames are zeroed before this returns.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Audited(action = "ENROL", subjectParameter = 0)
    public EnrolmentResult enrol(String uid, List<byte[]> images, LivenessEvidence liveness) {
        return enrol(uid, images, liveness, false);
    }

    /**
     * Re-enrolment (D-5.3.3): the images replace all of the subject's references in one XA transaction. Callers
     * verify the subject with two factors first ({@link SubjectVerification#reEnrolVerified}). {@code liveness}: as
     * for {@link #enrol(String, List, LivenessEvidence)} (null unless MULTI_FRAME or CHALLENGE is required).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Audited(action = "RE_ENROL", subjectParameter = 0)
    public EnrolmentResult replaceAll(String uid, List<byte[]> images, LivenessEvidence liveness) {
        return enrol(uid, images, liveness, true);
    }

    private EnrolmentResult enrol(String uid, List<byte[]> images, LivenessEvidence liveness, boolean replacing) {
        LivenessRequirement requirement = settings.liveness();
        // Issue 6: with a burst or a challenge the enrolled faces are tied to the judged live face (FT-6008), and
        // the evidence alone may be enrolled (its best frame) when no image comes with it.
        boolean liveTie = requirement == LivenessRequirement.MULTI_FRAME
                || requirement == LivenessRequirement.CHALLENGE;
        boolean hasEvidence = liveness != null && !liveness.frames().isEmpty();
        List<Embedding> embeddings = new ArrayList<>();
        try {
            if (images != null && images.stream().anyMatch(i -> i == null || i.length == 0)) {
                throw new FaceTrustException(FailureCode.IMAGE_MISSING, "an image of the request is empty");
            }
            boolean fromEvidence = (images == null || images.isEmpty()) && liveTie && hasEvidence;
            if (!fromEvidence && (images == null || images.isEmpty())) {
                if (liveTie) {
                    throw evidenceMissing(requirement);
                }
                throw new FaceTrustException(FailureCode.IMAGE_MISSING, "at least one non-empty image is required");
            }
            if (!fromEvidence && images.size() > settings.maxImagesPerRequest()) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "at most " + settings.maxImagesPerRequest()
                        + " images per request", List.of("max-images:" + settings.maxImagesPerRequest()));
            }
            // D-8.2.5a: consent, status and room are checked before any face data is processed.
            ReferenceLedger.EnrolableSubject subject = ledger.checkEnrolable(uid, fromEvidence ? 1 : images.size(),
                    replacing);
            FaceEngine engine = engineService.engine(); // ENGINE_UNAVAILABLE before any key is made
            LiveFaceMatch tie = liveTie ? settings.liveFaceMatch() : null; // FT-5106 before any face is analysed
            requireLive(fromEvidence ? List.of() : images, liveness);
            List<String> labels = new ArrayList<>();
            if (fromEvidence) {
                int chosen = enrolBestFrame(engine, liveness.frames(), embeddings);
                labels.add("liveness frame " + (chosen + 1));
                requirePassive(liveness.frames().get(chosen), labels.get(0));
                if (chosen != 0) {
                    requireLiveFace(engine, tie, liveness.frames().get(0), embeddings, labels);
                }
            } else {
                // Each image analysed once: its embedding serves the live-face tie and then the protection.
                for (int i = 0; i < images.size(); i++) {
                    embeddings.add(analyse(engine, images, i));
                    labels.add("image " + (i + 1));
                }
                if (liveTie) {
                    requireLiveFace(engine, tie, liveness.frames().get(0), embeddings, labels);
                }
            }
            boolean newKey = subject.dataKeyId().isEmpty();
            UUID dataKeyId = subject.dataKeyId().orElseGet(() -> keys.keyStore().createDataKey());
            try {
                return protectAndRecord(uid, embeddings, dataKeyId, replacing, engine);
            } catch (RuntimeException e) {
                if (newKey) {
                    // Nothing was stored under the key made for this attempt: leave no orphan key behind.
                    keys.keyStore().destroyDataKey(dataKeyId);
                }
                throw e;
            }
        } finally {
            embeddings.forEach(Embedding::wipe);
            zero(images);
            if (liveness != null) {
                zero(liveness.frames()); // A-7.2a: the judged frames are not kept either
            }
        }
    }

    private static void zero(List<byte[]> images) {
        if (images != null) {
            images.forEach(i -> {
                if (i != null) {
                    Arrays.fill(i, (byte) 0);
                }
            });
        }
    }

    private static FaceTrustException evidenceMissing(LivenessRequirement requirement) {
        return new FaceTrustException(FailureCode.LIVENESS_EVIDENCE_MISSING, "enrolment here requires "
                + requirement + " liveness evidence (\"liveness\": {\"frames\": [...]"
                + (requirement == LivenessRequirement.CHALLENGE ? ", \"challengeNonce\": ...}" : "}")
                + "), with images to enrol or without (then its best frame is enrolled)", List.of("liveness"));
    }

    /**
     * The live-face tie (issue 6, {@link LiveFaceMatch}): the evidence's first frame — the frame verification takes
     * as its probe — is analysed like a verification probe (main face, verification quality profile), and every
     * face to enrol must match it. A first frame too poor to compare answers FT-2003 with its failed checks rather
     * than a mismatch alarm.
     */
    private static void requireLiveFace(FaceEngine engine, LiveFaceMatch tie, byte[] firstFrame,
                                        List<Embedding> toEnrol, List<String> labels) {
        FaceAnalysis live;
        try {
            live = engine.analyze(firstFrame, AnalysisOptions.verification());
        } catch (FaceTrustException e) {
            throw new FaceTrustException(e.failureCode(), "liveness frame 1: " + stripCode(e),
                    e.reasons().stream().map(r -> "liveness frame 1: " + r).toList(), e);
        }
        try {
            if (!live.quality().acceptable()) {
                throw new FaceTrustException(FailureCode.QUALITY_INSUFFICIENT, "liveness frame 1: the live face does "
                        + "not meet the '" + live.quality().profile() + "' quality profile needed to compare it",
                        live.quality().failedChecks().stream().map(c -> "liveness frame 1: " + c.describe())
                                .toList());
            }
            if (live.embedding() == null) {
                throw new FaceTrustException(FailureCode.FEATURE_EXTRACTION_FAILED,
                        "liveness frame 1: no template could be extracted");
            }
            tie.requireSameFace(live.embedding(), toEnrol, labels);
        } finally {
            if (live.embedding() != null) {
                live.embedding().wipe();
            }
        }
    }

    /**
     * Enrolment from the evidence alone: the candidate frames ({@link EvidenceFrameChoice#candidates}) are analysed
     * under the enrolment profile and the best acceptable one's embedding is added to {@code out}; its index is
     * returned. No acceptable frame: FT-2003 with the failed checks of the frame closest to passing; no face in any
     * candidate: the first candidate's failure (e.g. FT-2001). The frames are not zeroed here (the caller does).
     */
    private int enrolBestFrame(FaceEngine engine, List<byte[]> frames, List<Embedding> out) {
        List<Integer> indices = EvidenceFrameChoice.candidates(frames.size(), settings.evidenceCandidates());
        List<FaceAnalysis> analyses = new ArrayList<>(indices.size());
        FaceTrustException firstFailure = null;
        try {
            for (int index : indices) {
                try {
                    analyses.add(engine.analyze(frames.get(index), ENROLMENT));
                } catch (FaceTrustException e) {
                    analyses.add(null);
                    firstFailure = firstFailure != null ? firstFailure : new FaceTrustException(e.failureCode(),
                            "liveness frame " + (index + 1) + ": " + stripCode(e), e.reasons().stream()
                            .map(r -> "liveness frame " + (index + 1) + ": " + r).toList(), e);
                }
            }
            int best = EvidenceFrameChoice.best(analyses.stream().map(a -> a == null ? null : a.quality()).toList());
            if (best < 0) {
                throw firstFailure;
            }
            FaceAnalysis chosen = analyses.get(best);
            String label = "liveness frame " + (indices.get(best) + 1);
            if (!chosen.quality().acceptable()) {
                throw new FaceTrustException(FailureCode.QUALITY_INSUFFICIENT, "no frame of the liveness evidence "
                        + "meets the enrolment profile; the closest, " + label + ", fails "
                        + chosen.quality().failedReasons(), chosen.quality().failedChecks().stream()
                        .map(c -> label + ": " + c.describe()).toList());
            }
            if (chosen.embedding() == null) {
                throw new FaceTrustException(FailureCode.FEATURE_EXTRACTION_FAILED, label
                        + ": no template could be extracted");
            }
            out.add(chosen.embedding());
            analyses.set(best, null); // handed over: wiped by the caller after protection
            return indices.get(best);
        } finally {
            for (FaceAnalysis a : analyses) {
                if (a != null && a.embedding() != null) {
                    a.embedding().wipe();
                }
            }
        }
    }

    private EnrolmentResult protectAndRecord(String uid, List<Embedding> embeddings, UUID dataKeyId,
                                             boolean replacing, FaceEngine engine) {
        String pseudonym = keys.pseudonymizer().pseudonym(uid);
        String modelVersion = modelVersion(engine);
        Instant now = clock.instant();

        List<FaceReference> references = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
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
     * FT-6001 (ALARM) and nothing is written. The tie of the enrolled faces to the live one follows the analysis.
     */
    private void requireLive(List<byte[]> images, LivenessEvidence liveness) {
        LivenessRequirement requirement = settings.liveness();
        if (requirement == LivenessRequirement.NONE) {
            return;
        }
        if (requirement != LivenessRequirement.PASSIVE) {
            if (liveness == null || liveness.frames().isEmpty()) {
                throw evidenceMissing(requirement);
            }
            livenessGate.requireLive(requirement, liveness);
        }
        for (int i = 0; i < images.size(); i++) {
            requirePassive(images.get(i), images.size() == 1 ? null : "image " + (i + 1));
        }
    }

    /** The single-frame check of one face to enrol; {@code label} (e.g. "image 2") prefixes the failure. */
    private void requirePassive(byte[] image, String label) {
        try {
            livenessGate.requireLive(LivenessRequirement.PASSIVE, new LivenessEvidence(List.of(image), null, null,
                    null));
        } catch (FaceTrustException e) {
            throw label == null ? e : new FaceTrustException(e.failureCode(), label + ": " + stripCode(e),
                    e.reasons().stream().map(r -> label + ": " + r).toList(), e);
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
