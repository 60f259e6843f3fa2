package com.facetrust.application.enrolment;

import com.facetrust.application.audit.Audited;
import com.facetrust.application.face.FaceEngineService;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.Embedding;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.identity.Subject;
import com.facetrust.domain.identity.SubjectStatus;
import com.facetrust.domain.liveness.LivenessEvidence;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.domain.recognition.LivenessRequirement;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Verifies the subject with two factors before a change that only the subject may ask for (D-5.3.3/4, A-5.6.2,
 * D-8.2.5c): a one-time code from the authenticator app set up with {@link #setUpSecondFactor} (TOTP secret stored
 * AES-GCM-encrypted under the subject's data key, bound to the UID), and a live photo whose template matches one of
 * the subject's protected references at or above {@code facetrust.subject-verification.threshold} [0.44 = the
 * conservative FAR 1e-4 threshold calibrated on celeba-dev]. The code is checked first and can be used once;
 * the face second. Only then is the change made: deregistration or re-enrolment.
 */
@Stateless
@RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.ENROL})
public class SubjectVerification {
    private static final Logger LOG = Logger.getLogger(SubjectVerification.class.getName());
    private static final String SECOND_FACTOR = SubjectFieldCipher.SECOND_FACTOR;

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @PersistenceContext(unitName = "biometric")
    EntityManager biometric;

    @EJB
    TemplateProtectionService keys;

    @EJB
    FaceEngineService engineService;

    @EJB
    SubjectRegistry registry;

    @EJB
    FaceEnrolment enrolment;

    @Inject
    Clock clock;

    @Inject
    EnrolmentSettings settings;

    @Resource
    SessionContext context;

    @Inject
    @ConfigProperty(name = "facetrust.subject-verification.threshold", defaultValue = "0.44")
    double threshold;

    /** Creates the subject's TOTP second factor; returned once, stored only encrypted. */
    @Audited(action = "SECOND_FACTOR_SETUP", subjectParameter = 0)
    public SecondFactorSetup setUpSecondFactor(String uid) {
        Subject subject = SubjectRegistry.findSubject(identity, uid, LockModeType.PESSIMISTIC_WRITE);
        if (subject.status() != SubjectStatus.ACTIVE) {
            throw SubjectRegistry.beingDeleted(subject);
        }
        if (subject.secondFactor().isPresent()) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "the subject already has a second factor");
        }
        UUID dataKey = subject.dataKeyId().orElseGet(() -> {
            UUID created = keys.keyStore().createDataKey();
            subject.assignDataKey(created);
            return created;
        });
        byte[] secret = TimeBasedOneTimePassword.newSecret();
        try {
            subject.setSecondFactor(SubjectFieldCipher.encrypt(secret, keys.keyStore().dataKey(dataKey), SECOND_FACTOR,
                    uid));
            identity.flush();
            String base32 = TimeBasedOneTimePassword.base32(secret);
            String uri = "otpauth://totp/FaceTrust:" + uid + "?secret=" + base32 + "&issuer="
                    + URLEncoder.encode("FaceTrust", StandardCharsets.UTF_8) + "&algorithm=SHA1&digits=6&period=30";
            return new SecondFactorSetup(uid, base32, uri);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Deregistration asked by the subject, verified with both factors; schedules deletion (ground DEREGISTERED).
     * The image is zeroed before this returns.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Audited(action = "DEREGISTER_VERIFIED", subjectParameter = 0)
    public SubjectView deregisterVerified(String uid, byte[] image, String oneTimeCode) {
        try {
            // Own transaction: the code stays used even when the face check below fails.
            context.getBusinessObject(SubjectVerification.class).consumeOneTimeCode(uid, oneTimeCode);
            if (!faceMatches(uid, image)) {
                throw new FaceTrustException(FailureCode.SUBJECT_NOT_VERIFIED, "the face does not match the subject");
            }
            SubjectView view = registry.deregister(uid);
            LOG.info(() -> "Subject " + uid + " deregistered after two-factor verification");
            return view;
        } finally {
            if (image != null) {
                Arrays.fill(image, (byte) 0);
            }
        }
    }

    /**
     * Change of the subject's face references after two-factor verification (D-5.3.3, D-8.2.5c): the code, then the
     * verification photo against the current references, then the new images replace every reference in one XA
     * transaction. All images and frames are zeroed before this returns.
     *
     * <p>With {@code facetrust.enrolment.liveness} MULTI_FRAME or CHALLENGE (issue 6) the change needs the burst or
     * challenge {@code liveness} evidence, checked before the code is used (FT-6007): its first frame is the
     * verification photo ({@code verificationImage} must then be absent, FT-3003 — a separate photo would not be the
     * face whose liveness is judged), and the new images are tied to that live face like any enrolment with evidence
     * (FT-6008), or the evidence's best frame replaces the references when no image is sent. So the face that
     * replaces the references is the live one that matched the old references.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Audited(action = "RE_ENROL_VERIFIED", subjectParameter = 0)
    public FaceEnrolment.EnrolmentResult reEnrolVerified(String uid, byte[] verificationImage, String oneTimeCode,
                                                         List<byte[]> newImages, LivenessEvidence liveness) {
        byte[] probe = verificationImage;
        try {
            LivenessRequirement requirement = settings.liveness();
            if (requirement == LivenessRequirement.MULTI_FRAME || requirement == LivenessRequirement.CHALLENGE) {
                if (liveness == null || liveness.frames().isEmpty()) {
                    throw new FaceTrustException(FailureCode.LIVENESS_EVIDENCE_MISSING, "re-enrolment here requires "
                            + requirement + " liveness evidence; its first frame is the verification photo",
                            List.of("liveness"));
                }
                if (verificationImage != null) {
                    throw new FaceTrustException(FailureCode.BAD_REQUEST, "send either verificationImage or liveness: "
                            + "with liveness evidence its first frame is the verification photo",
                            List.of("verificationImage"));
                }
                probe = liveness.frames().get(0).clone(); // faceMatches zeroes it; the frame is judged later
            }
            context.getBusinessObject(SubjectVerification.class).consumeOneTimeCode(uid, oneTimeCode);
            if (!faceMatches(uid, probe)) {
                throw new FaceTrustException(FailureCode.SUBJECT_NOT_VERIFIED, "the face does not match the subject");
            }
            FaceEnrolment.EnrolmentResult result = enrolment.replaceAll(uid, newImages, liveness);
            LOG.info(() -> "Subject " + uid + " re-enrolled after two-factor verification");
            return result;
        } finally {
            if (probe != null) {
                Arrays.fill(probe, (byte) 0);
            }
            if (verificationImage != null) {
                Arrays.fill(verificationImage, (byte) 0);
            }
            if (newImages != null) {
                newImages.forEach(i -> {
                    if (i != null) {
                        Arrays.fill(i, (byte) 0);
                    }
                });
            }
            if (liveness != null) {
                liveness.frames().forEach(f -> Arrays.fill(f, (byte) 0));
            }
        }
    }

    /**
     * First factor of the pair: checks the one-time code and records its time step, so it cannot be used again.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.ENROL, FaceTrustRoles.VERIFY}) // + risk step-up of a verification
    public void consumeOneTimeCode(String uid, String oneTimeCode) {
        Subject subject = SubjectRegistry.findSubject(identity, uid, LockModeType.PESSIMISTIC_WRITE);
        if (subject.status() != SubjectStatus.ACTIVE) {
            throw SubjectRegistry.beingDeleted(subject);
        }
        byte[] stored = subject.secondFactor().orElseThrow(() -> new FaceTrustException(
                FailureCode.SECOND_FACTOR_MISSING, "no second factor set up for this subject"));
        if (oneTimeCode == null || oneTimeCode.isBlank()) {
            throw new FaceTrustException(FailureCode.SECOND_FACTOR_MISSING, "a one-time code is required");
        }
        UUID dataKey = subject.dataKeyId().orElseThrow(() -> new FaceTrustException(FailureCode.SECOND_FACTOR_MISSING,
                "no second factor set up for this subject"));
        byte[] secret = SubjectFieldCipher.decrypt(stored, keys.keyStore().dataKey(dataKey), SECOND_FACTOR,
                uid);
        OptionalLong step;
        try {
            step = TimeBasedOneTimePassword.matchingStep(secret, oneTimeCode.strip(), clock.instant());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        if (step.isEmpty() || !subject.acceptSecondFactorStep(step.getAsLong())) {
            throw new FaceTrustException(FailureCode.SECOND_FACTOR_WRONG, "the one-time code was not accepted");
        }
        identity.flush();
    }

    private boolean faceMatches(String uid, byte[] image) {
        if (image == null || image.length == 0) {
            throw new FaceTrustException(FailureCode.IMAGE_MISSING, "a photo of the subject is required");
        }
        FaceAnalysis analysis;
        try {
            analysis = engineService.engine().analyze(image, AnalysisOptions.verification());
        } finally {
            Arrays.fill(image, (byte) 0);
        }
        analysis.requireAcceptableQuality();
        Embedding probe = analysis.embedding();
        float[] probeValues = probe.values();
        try {
            String pseudonym = keys.pseudonymizer().pseudonym(uid);
            List<FaceReference> references = biometric.createQuery(
                            "select r from FaceReference r where r.pseudonym = :p", FaceReference.class)
                    .setParameter("p", pseudonym)
                    .getResultList();
            if (references.isEmpty()) {
                throw new FaceTrustException(FailureCode.SUBJECT_NOT_VERIFIED, "the subject has no face reference");
            }
            double best = -1;
            for (FaceReference r : references) {
                TemplateBinding binding = new TemplateBinding(r.pseudonym(), r.referenceId(),
                        ApplicationDomain.of(r.protectionDomain()));
                best = Math.max(best, keys.protector().compare(probeValues, ProtectedTemplate.decode(r.template()),
                        binding));
            }
            // The score is never returned (A-5.7.4: no hill-climbing), only the decision.
            return best >= threshold;
        } finally {
            Arrays.fill(probeValues, 0f);
            probe.wipe();
        }
    }
}
