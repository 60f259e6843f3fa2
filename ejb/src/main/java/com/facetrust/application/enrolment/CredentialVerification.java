package com.facetrust.application.enrolment;

import com.facetrust.application.audit.Audited;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.application.recognition.DecisionSigning;
import com.facetrust.application.recognition.RecognitionSettings;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import com.facetrust.domain.identity.ConsentPurpose;
import com.facetrust.domain.identity.Subject;
import com.facetrust.domain.identity.SubjectStatus;
import com.facetrust.domain.recognition.AttemptResult;
import com.facetrust.domain.recognition.Decision;
import com.facetrust.domain.recognition.RecognitionAttempt;
import com.facetrust.domain.recognition.RecognitionOperation;
import com.facetrust.domain.recognition.RecognitionPolicy;
import com.facetrust.infrastructure.signing.JsonPayload;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The non-face way in (A-7.1b, B-5.5.2): a subject who refuses (or withdrew) face consent sets a password and a TOTP
 * second factor and is checked with both through the same API as face verification. Needs only the
 * privacy-policy consent; no face data is touched on this path.
 *
 * <ul>
 *   <li>The password is stored as PBKDF2-HMAC-SHA256 ({@link PasswordCredential}, iterations
 *       {@code facetrust.credential.password.iterations} [600000, OWASP 2023]) encrypted under the subject's data key
 *       and bound to the UID, like the TOTP secret.</li>
 *   <li>A check is an attempt of operation VERIFY in the SAME per-subject counters as face verification
 *       ({@link RecognitionPolicy#admit}/{@link RecognitionPolicy#recordOutcome}, A-5.7.5.1 e): a blocked subject
 *       is blocked on both paths. Step-up is not asked for: this path already takes both factors.</li>
 *   <li>The answer is MATCH only when BOTH factors are right; it never tells which failed (both are always
 *       evaluated). An unknown, deleted or unconsented subject, or one without credentials, gets NO_MATCH like a
 *       wrong password, and operators a WARNING event (FT-4606, A-5.7.5.3 a).</li>
 *   <li>A one-time code that matched is used up even when the password was wrong (no replay with a second guess).</li>
 * </ul>
 */
@Stateless
public class CredentialVerification {
    private static final Logger LOG = Logger.getLogger(CredentialVerification.class.getName());
    static final String METHOD = "PASSWORD_TOTP";

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @EJB
    TemplateProtectionService keys;

    @EJB
    DecisionSigning signing;

    @Inject
    RecognitionSettings recognitionSettings;

    // Instance<>: the implementations are separate EJBs of this deployment (policy, audit); resolved per call.
    @Inject
    Instance<RecognitionPolicy> policies;

    @Inject
    Instance<AuditLog> audits;

    @Inject
    Instance<SecurityEventLog> eventLogs;

    @Inject
    Clock clock;

    @Resource
    SessionContext context;

    @Inject
    @ConfigProperty(name = "facetrust.credential.password.iterations", defaultValue = "600000")
    int iterations;

    /**
     * Sets the subject's password. When one exists it is replaced only with the current password and a one-time
     * code (both checked; a wrong one answers FT-4011 without saying which). The arrays are zeroed.
     */
    @RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.ENROL})
    @Audited(action = "PASSWORD_SET", subjectParameter = 0)
    public void setPassword(String uid, char[] password, char[] currentPassword, String oneTimeCode) {
        try {
            PasswordCredential.requireAcceptable(password);
            Subject subject = SubjectRegistry.findSubject(identity, uid, LockModeType.PESSIMISTIC_WRITE);
            requireUsable(subject);
            if (subject.passwordCredential().isPresent()) {
                if (currentPassword == null || oneTimeCode == null) {
                    throw new FaceTrustException(FailureCode.PASSWORD_ALREADY_SET, "the subject already has a "
                            + "password; send currentPassword and oneTimeCode to change it");
                }
                if (!bothFactorsMatch(subject, currentPassword, oneTimeCode)) {
                    throw new FaceTrustException(FailureCode.SECOND_FACTOR_WRONG, "the credentials were not accepted");
                }
            }
            UUID dataKey = subject.dataKeyId().orElseGet(() -> {
                UUID created = keys.keyStore().createDataKey();
                subject.assignDataKey(created);
                return created;
            });
            PasswordCredential credential = PasswordCredential.derive(password, iterations);
            byte[] encoded = credential.encode();
            try {
                subject.setPasswordCredential(SubjectFieldCipher.encrypt(encoded, keys.keyStore().dataKey(dataKey),
                        SubjectFieldCipher.PASSWORD, uid));
            } finally {
                Arrays.fill(encoded, (byte) 0);
                credential.wipe();
            }
            identity.flush();
            LOG.info(() -> "Subject " + uid + ": password set (PBKDF2-HMAC-SHA256, " + iterations + " iterations)");
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            if (currentPassword != null) {
                Arrays.fill(currentPassword, '\0');
            }
        }
    }

    /**
     * Checks password + one-time code as one VERIFY attempt: admission by the recognition policy (blocks and
     * attempt limits refuse with their codes), both factors, the outcome counted, one audit entry. The password is
     * zeroed.
     */
    @RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.VERIFY})
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public CredentialDecision verify(CredentialCheck check) {
        try {
            SubjectRegistry.checkChannel(check.channel());
            String transactionId = UUID.randomUUID().toString();
            RecognitionAttempt attempt = new RecognitionAttempt(RecognitionOperation.VERIFY, check.channel(),
                    check.uid(), clientOf(check), check.deviceId(), check.sourceAddress(), clock.instant());
            try {
                policies.get().admit(attempt);
            } catch (FaceTrustException refused) {
                audit(new AuditRecord("CREDENTIAL_VERIFY", target(check.uid()),
                        refused.failureCode().code(), transactionId, check.channel(), null));
                throw refused;
            }
            boolean match = context.getBusinessObject(CredentialVerification.class).checkFactors(check);
            Decision decision = match ? Decision.MATCH : Decision.NO_MATCH;
            policies.get().recordOutcome(attempt, match ? AttemptResult.SUCCESS : AttemptResult.FAILURE);
            audit(new AuditRecord("CREDENTIAL_VERIFY", target(check.uid()), "OK", transactionId,
                    check.channel(), decision.name()));
            Instant decidedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            CredentialDecision unsigned = new CredentialDecision(transactionId, RecognitionOperation.VERIFY.name(),
                    METHOD, decision, check.channel(), decidedAt, null);
            return unsigned.signed(signing.sign(claims(unsigned, check.uid(), recognitionSettings.issuer(),
                    clientOf(check), decidedAt.getEpochSecond())));
        } finally {
            check.wipe();
        }
    }

    /**
     * Both factors in one transaction of their own (so a used one-time code stays used): true only when the subject
     * is usable and both match; on a match the subject's last use is stamped (A-7.3e).
     */
    @RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.VERIFY})
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean checkFactors(CredentialCheck check) {
        Subject subject;
        try {
            subject = SubjectRegistry.findSubject(identity, check.uid(), LockModeType.PESSIMISTIC_WRITE);
            requireUsable(subject);
        } catch (FaceTrustException e) {
            unusable(check.uid(), e.failureCode().name());
            return false;
        }
        if (subject.passwordCredential().isEmpty() || subject.secondFactor().isEmpty()) {
            unusable(check.uid(), "NO_CREDENTIALS");
            return false;
        }
        boolean match = bothFactorsMatch(subject, check.password(), check.oneTimeCode());
        if (match) {
            subject.markUsed(clock.instant());
        }
        identity.flush();
        return match;
    }

    /** Evaluates both factors (always both: timing and answer say nothing about which one failed). */
    private boolean bothFactorsMatch(Subject subject, char[] password, String oneTimeCode) {
        String uid = subject.uid().value();
        UUID dataKeyId = subject.dataKeyId().orElse(null);
        if (dataKeyId == null || subject.passwordCredential().isEmpty() || subject.secondFactor().isEmpty()) {
            return false;
        }
        SecretKey dataKey = keys.keyStore().dataKey(dataKeyId);
        byte[] encoded = SubjectFieldCipher.decrypt(subject.passwordCredential().get(), dataKey,
                SubjectFieldCipher.PASSWORD, uid);
        PasswordCredential credential = PasswordCredential.decode(encoded);
        Arrays.fill(encoded, (byte) 0);
        boolean passwordOk;
        try {
            passwordOk = credential.matches(password);
        } finally {
            credential.wipe();
        }
        byte[] secret = SubjectFieldCipher.decrypt(subject.secondFactor().get(), dataKey,
                SubjectFieldCipher.SECOND_FACTOR, uid);
        OptionalLong step;
        try {
            step = TimeBasedOneTimePassword.matchingStep(secret,
                    oneTimeCode == null ? null : oneTimeCode.strip(), clock.instant());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        // A matching code is used up whatever the password said.
        boolean codeOk = step.isPresent() && subject.acceptSecondFactorStep(step.getAsLong());
        return passwordOk & codeOk;
    }

    /** Active, and the privacy-policy consent (the only one this path needs) is effective. */
    private void requireUsable(Subject subject) {
        if (subject.status() != SubjectStatus.ACTIVE) {
            throw SubjectRegistry.beingDeleted(subject);
        }
        Instant now = clock.instant();
        boolean consented = SubjectRegistry.consentsOf(identity, subject).stream()
                .anyMatch(c -> c.purpose() == ConsentPurpose.PRIVACY_POLICY && c.isEffectiveAt(now));
        if (!consented) {
            throw new FaceTrustException(FailureCode.CONSENT_MISSING, "no effective privacy-policy consent",
                    List.of("missing:" + ConsentPurpose.PRIVACY_POLICY));
        }
    }

    private void unusable(String uid, String why) {
        if (eventLogs.isResolvable()) {
            eventLogs.get().raise(FailureCode.CREDENTIAL_SUBJECT_UNUSABLE, "CREDENTIAL_VERIFY", target(uid), why);
        } else {
            LOG.warning(() -> "WARNING credential check for an unusable subject (" + why + "): " + target(uid));
        }
    }

    /** One audit entry per check; logged instead while no audit log is deployed. */
    private void audit(AuditRecord record) {
        if (audits.isResolvable()) {
            audits.get().record(record);
        } else {
            LOG.info(() -> "audit " + record);
        }
    }

    /** The keyed pseudonym of a well-formed UID (never the UID itself in events and audit). */
    private String target(String uid) {
        if (!com.facetrust.domain.identity.SubjectUid.isWellFormed(uid)) {
            return "malformed-uid";
        }
        return keys.pseudonymizer().pseudonym(uid);
    }

    /**
     * The signed claims of a credential decision, like a face decision's (A-5.7.4 a): its fields, the subject's UID
     * (the relying application asked about that subject), iss, aud (the calling client) and iat.
     */
    static JsonPayload claims(CredentialDecision d, String uid, String issuer, String audience, long issuedAt) {
        return new JsonPayload()
                .string("transactionId", d.transactionId())
                .string("operation", d.operation())
                .string("method", d.method())
                .string("decision", d.decision().name())
                .string("channel", d.channel())
                .string("decidedAt", d.decidedAt().toString())
                .string("uid", uid)
                .string("iss", issuer)
                .string("aud", audience)
                .number("iat", issuedAt);
    }

    private String clientOf(CredentialCheck check) {
        if (check.clientId() != null && !check.clientId().isBlank()) {
            return check.clientId();
        }
        return context.getCallerPrincipal().getName();
    }
}
