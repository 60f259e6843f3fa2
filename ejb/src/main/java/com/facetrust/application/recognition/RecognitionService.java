package com.facetrust.application.recognition;

import com.facetrust.application.enrolment.SubjectVerification;
import com.facetrust.application.face.FaceEngineService;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.face.QualityCheck;
import com.facetrust.domain.face.QualityProfile;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import com.facetrust.domain.identity.SubjectUid;
import com.facetrust.domain.liveness.LivenessEvidence;
import com.facetrust.domain.liveness.LivenessGate;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.domain.recognition.Admission;
import com.facetrust.domain.recognition.AttemptResult;
import com.facetrust.domain.recognition.ChannelPolicy;
import com.facetrust.domain.recognition.Decision;
import com.facetrust.domain.recognition.FaceGallery;
import com.facetrust.domain.recognition.GalleryCandidate;
import com.facetrust.domain.recognition.RecognitionAttempt;
import com.facetrust.domain.recognition.RecognitionOperation;
import com.facetrust.domain.recognition.RecognitionPolicy;
import com.facetrust.infrastructure.signing.JsonPayload;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * 1:1 verification, 1:N identification and ID photo vs live face (issue 5), one transaction id each.
 *
 * <p>Order of work, the same for every operation: admission by the policy (blocklists, attempt limits, risk
 * step-up; refused before any face data is processed) → step-up answer or one-time code → liveness as the channel
 * requires → face analysis under the time bound, quality judged by the verification profile (ID photos by
 * the document profile) → comparison with the claimed subject's integrity-checked protected references (A-5.7.1 c),
 * the gallery, or the ID photo → decision at the channel's threshold → attempt outcome to the policy → signed answer
 * → one audit entry (also for refusals and failures). Images and embeddings are zeroed before returning.
 *
 * <p>A claimed subject that is unknown, being deleted, without effective face-verification consent or without
 * references is answered NO_MATCH exactly like a non-match (A-5.7.5.3 a): its probe goes through the same liveness
 * check and analysis (so quality failures and timing do not reveal whether the UID exists) but is never compared with
 * anything, and operators get a WARNING (FT-5004). Scores never leave this class (A-5.7.4 c).
 *
 * <p>Runs without a transaction of its own: store reads are short transactions of {@link SubjectReferences}
 * retried by {@link DatabaseRetry}; policy, audit and events commit on their own.
 */
@Stateless
@DeclareRoles({FaceTrustRoles.OPERATOR, FaceTrustRoles.VERIFY, FaceTrustRoles.IDENTIFY, FaceTrustRoles.IDENTIFY_UID})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecognitionService {
    private static final Logger LOG = Logger.getLogger(RecognitionService.class.getName());
    /** Failures that count as an attack for the attempt counters (A-5.7.3 d). */
    private static final java.time.Duration LAST_USE_RESOLUTION = java.time.Duration.ofHours(1);
    private static final Set<FailureCode> ATTACKS = Set.of(FailureCode.PRESENTATION_ATTACK,
            FailureCode.FACE_CHANGED_DURING_CHALLENGE, FailureCode.CHALLENGE_UNKNOWN);

    @EJB
    RecognitionPolicy policy;

    @EJB
    LivenessGate liveness;

    /** Resolved per call: a deployment without a gallery still verifies; identification then answers FT-5006. */
    @Inject
    Instance<FaceGallery> gallery;

    @EJB
    AuditLog audit;

    @EJB
    SecurityEventLog events;

    @EJB
    FaceEngineService engineService;

    @EJB
    TemplateProtectionService keys;

    @EJB
    SubjectReferences stores;

    @EJB
    SubjectVerification secondFactor;

    @EJB
    DecisionSigning signing;

    @Resource
    ManagedExecutorService executor;

    @Inject
    RecognitionSettings settings;

    @Inject
    Clock clock;

    @Resource
    SessionContext context;

    /** The audit facts of one transaction, filled in as it goes. */
    private static final class Transaction {
        final String id = UUID.randomUUID().toString();
        final RecognitionOperation operation;
        final String channel;
        String target;
        String auditOutcome = "OK";
        Decision decision;
        RecognitionAttempt admitted;

        Transaction(RecognitionOperation operation, String channel) {
            this.operation = operation;
            this.channel = channel;
        }
    }

    /** Verify 1:1 (A-5.7.1, D-5.3.2): is this live sample the subject with this UID? */
    @RolesAllowed({FaceTrustRoles.VERIFY, FaceTrustRoles.OPERATOR})
    public RecognitionAnswer verify(RecognitionRequest request, CallerOrigin origin) {
        Transaction t = new Transaction(RecognitionOperation.VERIFY, request.channel());
        return run(t, request, origin, () -> {
            String uid = request.subjectUid();
            if (uid == null || uid.isBlank()) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "uid (the claimed subject) is required");
            }
            t.target = SubjectUid.isWellFormed(uid) ? keys.pseudonymizer().pseudonym(uid) : null;
            Admission admission = admit(t, request, origin, uid);
            if (admission.stepUpRequired() && blank(request.oneTimeCode())) {
                return stepUp(t, origin, admission);
            }
            if (admission.stepUpRequired()) {
                checkOneTimeCode(t, uid, request);
            }
            ChannelPolicy channel = admission.channel();
            return withProbe(channel, request, probeValues -> {
                ClaimedSubject claimed = DatabaseRetry.call("verification", settings.databaseRetries(),
                        () -> stores.claimed(uid, clock.instant()));
                boolean match = false;
                String unavailable = claimed.unavailableReason();
                if (unavailable == null) {
                    match = bestScore(probeValues, claimed) >= channel.threshold();
                } else {
                    // A-5.7.5.3 a: the caller gets NO_MATCH; operators get the warning.
                    t.auditOutcome = FailureCode.CLAIMED_SUBJECT_UNAVAILABLE.code();
                    events.raise(FailureCode.CLAIMED_SUBJECT_UNAVAILABLE, "VERIFY", t.target, unavailable);
                }
                if (match && lastUseIsStale(claimed.lastUsedAt())) {
                    DatabaseRetry.call("last use", settings.databaseRetries(),
                            () -> stores.markUsed(uid, clock.instant()));
                }
                policy.recordOutcome(t.admitted, match ? AttemptResult.SUCCESS : AttemptResult.FAILURE);
                return decide(t, origin, match ? Decision.MATCH : Decision.NO_MATCH,
                        match ? FailureCode.MATCH : FailureCode.NO_MATCH, null);
            });
        });
    }

    /**
     * Identify 1:N in the gallery of an application domain (default: this deployment's). MATCH carries the
     * UID only for callers with {@code operator} or {@code identify-uid}; no candidate is an answer (FT-5002).
     */
    @RolesAllowed({FaceTrustRoles.IDENTIFY, FaceTrustRoles.OPERATOR})
    public RecognitionAnswer identify(RecognitionRequest request, CallerOrigin origin) {
        Transaction t = new Transaction(RecognitionOperation.IDENTIFY, request.channel());
        return run(t, request, origin, () -> {
            ApplicationDomain domain = domain(request.gallery());
            Admission admission = admit(t, request, origin, null);
            if (admission.stepUpRequired()) {
                return stepUp(t, origin, admission); // no subject to ask a second factor of: verify instead
            }
            ChannelPolicy channel = admission.channel();
            return withProbe(channel, request, probeValues -> {
                List<GalleryCandidate> found = gallery().search(domain, probeValues, 1);
                GalleryCandidate best = found.isEmpty() ? null : found.get(0);
                boolean match = best != null && best.score() >= channel.threshold();
                String uid = null;
                if (match) {
                    t.target = keys.pseudonymizer().pseudonym(best.uid());
                    DatabaseRetry.call("last use", settings.databaseRetries(),
                            () -> stores.markUsed(best.uid(), clock.instant()));
                    uid = context.isCallerInRole(FaceTrustRoles.OPERATOR)
                            || context.isCallerInRole(FaceTrustRoles.IDENTIFY_UID) ? best.uid() : null;
                }
                policy.recordOutcome(t.admitted, match ? AttemptResult.SUCCESS : AttemptResult.FAILURE);
                return decide(t, origin, match ? Decision.MATCH : Decision.NO_MATCH,
                        match ? FailureCode.MATCH : FailureCode.NO_CANDIDATE, uid);
            });
        });
    }

    /**
     * ID photo vs live face (人证合一, D-6.6 f): the ID photo judged by the document quality profile, the live
     * sample by the verification profile and the channel's liveness; both analysed side by side and zeroed right
     * after (C-6.1.2). Nothing is enrolled or looked up.
     */
    @RolesAllowed({FaceTrustRoles.VERIFY, FaceTrustRoles.OPERATOR})
    public RecognitionAnswer compareIdPhoto(RecognitionRequest request, CallerOrigin origin) {
        Transaction t = new Transaction(RecognitionOperation.ID_PHOTO, request.channel());
        return run(t, request, origin, () -> {
            if (request.idPhoto() == null || request.idPhoto().length == 0) {
                throw new FaceTrustException(FailureCode.IMAGE_MISSING, "idPhoto is required", List.of("idPhoto"));
            }
            Admission admission = admit(t, request, origin, null);
            if (admission.stepUpRequired()) {
                return stepUp(t, origin, admission);
            }
            ChannelPolicy channel = admission.channel();
            requireLive(channel, request);
            List<FaceAnalysis> both = analyse(List.of(request.idPhoto(), request.probe()),
                    List.of(new AnalysisOptions(QualityProfile.idDocument(), true, true),
                            AnalysisOptions.verification()));
            try {
                requireQuality(both.get(0), "idPhoto.");
                requireQuality(both.get(1));
                boolean match = both.get(0).embedding().cosine(both.get(1).embedding()) >= channel.threshold();
                policy.recordOutcome(t.admitted, match ? AttemptResult.SUCCESS : AttemptResult.FAILURE);
                return decide(t, origin, match ? Decision.MATCH : Decision.NO_MATCH,
                        match ? FailureCode.MATCH : FailureCode.NO_MATCH, null);
            } finally {
                BoundedAnalysis.wipe(both);
            }
        });
    }

    // ------------------------------------------------------------------ the common frame of a transaction

    private interface Work {
        RecognitionAnswer get();
    }

    /**
     * Runs one transaction: device status first, then the work; on failure the admitted attempt is counted as the
     * failure deserves; always one audit entry; always the images zeroed.
     */
    private RecognitionAnswer run(Transaction t, RecognitionRequest request, CallerOrigin origin, Work work) {
        RecognitionAnswer answer;
        try {
            if (request.channel() == null || request.channel().isBlank()) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "channel is required (e.g. counter, kiosk, "
                        + "mobile, web)");
            }
            if (request.deviceFault()) {
                throw new FaceTrustException(FailureCode.DEVICE_FAULT, "the capture device reported a fault");
            }
            answer = work.get();
        } catch (RuntimeException e) {
            FaceTrustException failure = DatabaseRetry.failureIn(e);
            t.auditOutcome = failure != null ? failure.failureCode().code()
                    : e instanceof jakarta.ejb.EJBAccessException ? FailureCode.FORBIDDEN.code()
                    : FailureCode.INTERNAL_ERROR.code();
            countFailure(t, failure, e);
            recordAudit(t, e);
            throw e;
        } finally {
            request.zero();
        }
        recordAudit(t, null);
        return answer;
    }

    private Admission admit(Transaction t, RecognitionRequest request, CallerOrigin origin, String uid) {
        RecognitionAttempt attempt = new RecognitionAttempt(t.operation, request.channel(), uid, origin.clientId(),
                origin.deviceId(), origin.sourceAddress(), clock.instant());
        Admission admission = policy.admit(attempt);
        t.admitted = attempt;
        return admission;
    }

    /** Counts a failed admitted attempt: attacks weigh more; our own faults (9xxx, integrity) do not count. */
    private void countFailure(Transaction t, FaceTrustException failure, RuntimeException thrown) {
        if (t.admitted == null || failure == null) {
            return;
        }
        AttemptResult result = attemptResultOf(failure.failureCode());
        if (result == null) {
            return;
        }
        try {
            policy.recordOutcome(t.admitted, result);
        } catch (RuntimeException e) {
            thrown.addSuppressed(e);
        }
    }

    /** How a failure counts for the attempt limits (A-5.7.5.1 e): null = not the caller's doing, not counted. */
    static AttemptResult attemptResultOf(FailureCode code) {
        if (ATTACKS.contains(code)) {
            return AttemptResult.ATTACK;
        }
        String c = code.code();
        if (c.startsWith("FT-1") || c.startsWith("FT-2") || c.startsWith("FT-6")
                || code == FailureCode.SECOND_FACTOR_WRONG) {
            return AttemptResult.FAILURE;
        }
        return null;
    }

    private void recordAudit(Transaction t, RuntimeException pending) {
        AuditRecord entry = new AuditRecord(t.operation.name(), t.target, t.auditOutcome, t.id, t.channel,
                t.decision == null ? null : t.decision.name());
        try {
            audit.record(entry);
        } catch (RuntimeException e) {
            if (pending != null) {
                pending.addSuppressed(e);
                return;
            }
            // No decision leaves unaudited: the audit's own failure is the answer.
            throw e;
        }
    }

    // ------------------------------------------------------------------ steps

    private RecognitionAnswer stepUp(Transaction t, CallerOrigin origin, Admission admission) {
        return decide(t, origin, Decision.STEP_UP_REQUIRED, FailureCode.STEP_UP_REQUIRED,
                null, new RecognitionAnswer.StepUp(admission.riskReasons()));
    }

    /**
     * The second factor a step-up asked for (TOTP of issue 4, used once). Unknown, deleted, without a second factor
     * or a wrong code: all answer FT-4011 alike, so the step-up reveals nothing about who exists; an unavailable
     * subject is also reported to operators. Returns normally when the code was accepted.
     */
    private void checkOneTimeCode(Transaction t, String uid, RecognitionRequest request) {
        try {
            secondFactor.consumeOneTimeCode(uid, request.oneTimeCode());
        } catch (RuntimeException e) {
            FaceTrustException failure = DatabaseRetry.failureIn(e);
            if (failure == null) {
                throw e;
            }
            switch (failure.failureCode()) {
                case SUBJECT_UNKNOWN, SUBJECT_BEING_DELETED -> events.raise(FailureCode.CLAIMED_SUBJECT_UNAVAILABLE,
                        "VERIFY", t.target, "second factor: " + failure.failureCode().name());
                case SECOND_FACTOR_WRONG, SECOND_FACTOR_MISSING -> {
                }
                default -> throw failure;
            }
            throw new FaceTrustException(FailureCode.SECOND_FACTOR_WRONG, "the one-time code was not accepted");
        }
    }

    /**
     * Liveness as the channel requires, then the probe's analysis and quality gate; {@code decision} gets the probe
     * embedding, which is wiped with the analysis whatever the outcome.
     */
    private RecognitionAnswer withProbe(ChannelPolicy channel, RecognitionRequest request,
                                        Function<float[], RecognitionAnswer> decision) {
        requireLive(channel, request);
        FaceAnalysis probe = analyse(List.of(request.probe()), List.of(AnalysisOptions.verification())).get(0);
        float[] probeValues = null;
        try {
            requireQuality(probe);
            probeValues = probe.embedding().values();
            return decision.apply(probeValues);
        } finally {
            wipe(probeValues);
            BoundedAnalysis.wipe(List.of(probe));
        }
    }

    private void requireLive(ChannelPolicy channel, RecognitionRequest request) {
        if (request.probe() == null || request.probe().length == 0) {
            throw new FaceTrustException(FailureCode.IMAGE_MISSING, "image (or frames) is required",
                    List.of("image"));
        }
        if (request.frames().size() > settings.maxFrames()) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "at most " + settings.maxFrames() + " frames",
                    List.of("max-frames:" + settings.maxFrames()));
        }
        liveness.requireLive(channel.liveness(), new LivenessEvidence(request.evidenceFrames(),
                request.frames().isEmpty() ? null : request.frameMillis(), request.challengeNonce(),
                request.depth()));
    }

    private List<FaceAnalysis> analyse(List<byte[]> images, List<AnalysisOptions> options) {
        return new BoundedAnalysis(executor, engineService.engine(), settings.timeout()).analyse(images, options);
    }

    private static void requireQuality(FaceAnalysis analysis) {
        requireQuality(analysis, "");
    }

    /** Quality failures with the failed checks' names only (what to fix), never measured values. */
    private static void requireQuality(FaceAnalysis analysis, String prefix) {
        if (!analysis.quality().acceptable()) {
            throw new FaceTrustException(FailureCode.QUALITY_INSUFFICIENT, "the " + (prefix.isEmpty() ? "live "
                    : "ID ") + "face does not meet the '" + analysis.quality().profile() + "' quality profile",
                    analysis.quality().failedChecks().stream().map(QualityCheck::name).map(n -> prefix + n).toList());
        }
    }

    /**
     * Best cosine of the probe over the subject's references, each opened with its integrity check (A-5.7.1 c): a
     * row whose key version or AES-GCM tag does not fit its binding fails the request with FT-4501 (ALARM).
     */
    private double bestScore(float[] probe, ClaimedSubject claimed) {
        double best = -1;
        for (ClaimedSubject.StoredReference r : claimed.references()) {
            ProtectedTemplate template = ProtectedTemplate.decode(r.template());
            if (template.domainKeyVersion() != r.keyVersion()) {
                throw new FaceTrustException(FailureCode.TEMPLATE_INTEGRITY_FAILED, "reference " + r.referenceId()
                        + ": the row's key version differs from the template's", List.of("key-version-mismatch"));
            }
            TemplateBinding binding = new TemplateBinding(r.pseudonym(), r.referenceId(),
                    ApplicationDomain.of(r.domain()));
            best = Math.max(best, keys.protector().compare(probe, template, binding));
        }
        return best;
    }

    private FaceGallery gallery() {
        if (!gallery.isResolvable()) {
            throw new FaceTrustException(FailureCode.GALLERY_UNAVAILABLE, "no 1:N gallery is deployed");
        }
        return gallery.get();
    }

    private ApplicationDomain domain(String gallery) {
        if (gallery == null || gallery.isBlank()) {
            return keys.domain();
        }
        try {
            return ApplicationDomain.of(gallery);
        } catch (IllegalArgumentException e) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "gallery is not a valid domain name");
        }
    }

    private RecognitionAnswer decide(Transaction t, CallerOrigin origin, Decision decision, FailureCode code,
                                     String uid) {
        return decide(t, origin, decision, code, uid, null);
    }

    /** The answer and its JWS: the same fields, plus iss, aud (the calling client) and iat (A-5.7.4 a). */
    private RecognitionAnswer decide(Transaction t, CallerOrigin origin, Decision decision, FailureCode code,
                                     String uid, RecognitionAnswer.StepUp stepUp) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        t.decision = decision;
        RecognitionAnswer unsigned = new RecognitionAnswer(t.id, t.operation, decision, code.code(), t.channel,
                now.toString(), uid, stepUp, null);
        String jws = signing.sign(claims(unsigned, settings.issuer(), origin.clientId(), now.getEpochSecond()));
        LOG.fine(() -> t.operation + " " + t.id + " channel " + t.channel + ": " + decision);
        return new RecognitionAnswer(unsigned.transactionId(), unsigned.operation(), decision, unsigned.code(),
                unsigned.channel(), unsigned.decidedAt(), uid, stepUp, jws);
    }

    /** The signed claims of an answer: exactly its fields (never a score) plus iss, aud, iat. */
    static JsonPayload claims(RecognitionAnswer a, String issuer, String audience, long issuedAt) {
        return new JsonPayload()
                .string("transactionId", a.transactionId())
                .string("operation", a.operation().name())
                .string("decision", a.decision().name())
                .string("code", a.code())
                .string("channel", a.channel())
                .string("decidedAt", a.decidedAt())
                .string("uid", a.uid())
                .object("stepUp", a.stepUp() == null ? null
                        : new JsonPayload().strings("reasons", a.stepUp().reasons()))
                .string("iss", issuer)
                .string("aud", audience)
                .number("iat", issuedAt);
    }

    /**
     * The last-use stamp feeds a one-year inactivity rule (A-7.3 e): an hour's resolution is plenty, so a MATCH
     * writes it only when it is older than {@link #LAST_USE_RESOLUTION} — one write transaction less per
     * verification of a subject in regular use.
     */
    private boolean lastUseIsStale(Instant lastUsedAt) {
        return lastUsedAt == null || lastUsedAt.isBefore(clock.instant().minus(LAST_USE_RESOLUTION));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void wipe(float[] values) {
        if (values != null) {
            Arrays.fill(values, 0f);
        }
    }
}
