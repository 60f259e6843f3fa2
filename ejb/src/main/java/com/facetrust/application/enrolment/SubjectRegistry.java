package com.facetrust.application.enrolment;

import com.facetrust.application.audit.Audited;
import com.facetrust.application.deletion.DeletionGround;
import com.facetrust.application.deletion.DeletionPolicy;
import com.facetrust.application.gallery.FaceDataChanged;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.identity.ConsentPurpose;
import com.facetrust.domain.identity.ConsentRecord;
import com.facetrust.domain.identity.Subject;
import com.facetrust.domain.identity.SubjectStatus;
import com.facetrust.domain.identity.SubjectUid;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Creates subjects and records their consents in the identity store (A-5.1, A-7.1a, C-6.1.1, D-8.2.2c). A subject
 * gets a UID from a strong random generator (A-5.1c, D-6.2c) and must accept the privacy policy; face consents are
 * separate and optional (refusing them leaves the non-face way in, A-7.1b). Only the current notice version of a
 * purpose is accepted.
 *
 * <p>Withdrawal (A-7.3a, D-8.2.5g), due after the configured grace period, never later than 15 days:
 * <ul>
 *   <li>{@code PRIVACY_POLICY} (the general consent) schedules the deletion of everything (ground
 *       CONSENT_WITHDRAWN);</li>
 *   <li>{@code FACE_VERIFICATION} (the consent enrolment rests on) schedules the deletion of the face data only:
 *       the sweep deletes the references and crypto-shreds the data key they were encrypted under after moving the
 *       subject's other encrypted fields to a fresh key; the subject stays with the non-face way in (A-7.1b);</li>
 *   <li>{@code FACE_IDENTIFICATION} ends 1:N searches for the subject (the gallery leaves it out); its references
 *       stay for 1:1 verification.</li>
 * </ul>
 * Every status change lands in the subject's history ({@link #history}); an operator may also close a subject
 * whose purpose is met (A-7.3c, {@link #purposeMet}).
 */
@Stateless
@RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.ENROL})
public class SubjectRegistry {
    private static final Logger LOG = Logger.getLogger(SubjectRegistry.class.getName());
    static final String PERSONAL_DATA = SubjectFieldCipher.PERSONAL_DATA;
    /** History ground when the face-verification consent is withdrawn (face data deleted, subject kept). */
    public static final String FACE_CONSENT_WITHDRAWN = "FACE_CONSENT_WITHDRAWN";
    static final Set<ConsentPurpose> FACE_PURPOSES =
            EnumSet.of(ConsentPurpose.FACE_VERIFICATION, ConsentPurpose.FACE_IDENTIFICATION);

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @Inject
    ConsentNoticeCatalogue notices;

    @Inject
    DeletionPolicy deletionPolicy;

    @Inject
    Clock clock;

    @EJB
    TemplateProtectionService keys;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    /** Consent and status changes decide 1:N searchability: the gallery re-reads the subject after commit. */
    @Inject
    Event<FaceDataChanged> faceDataChanged;

    /** A new subject with its consents; the privacy-policy consent is required. Returns the new subject. */
    @Audited(action = "SUBJECT_CREATE", subjectParameter = Audited.RESULT)
    public SubjectView register(List<ConsentGrant> grants, String channel) {
        return register(grants, channel, null);
    }

    /**
     * As {@link #register(List, String)}, with optional personal data, stored encrypted under a data key made for
     * the subject now (so deletion shreds it with everything else).
     */
    @Audited(action = "SUBJECT_CREATE", subjectParameter = Audited.RESULT)
    public SubjectView register(List<ConsentGrant> grants, String channel, PersonalData personal) {
        checkChannel(channel);
        if (grants == null || grants.isEmpty()) {
            throw new FaceTrustException(FailureCode.CONSENT_MISSING, "a subject needs at least the privacy-policy "
                    + "consent", List.of("missing:" + ConsentPurpose.PRIVACY_POLICY));
        }
        EnumSet<ConsentPurpose> purposes = EnumSet.noneOf(ConsentPurpose.class);
        for (ConsentGrant grant : grants) {
            checkCurrentNotice(grant);
            if (!purposes.add(grant.purpose())) {
                throw new FaceTrustException(FailureCode.BAD_REQUEST, "consent for " + grant.purpose()
                        + " given twice");
            }
        }
        if (!purposes.contains(ConsentPurpose.PRIVACY_POLICY)) {
            throw new FaceTrustException(FailureCode.CONSENT_MISSING, "a subject needs the privacy-policy consent "
                    + "(A-5.1a)", List.of("missing:" + ConsentPurpose.PRIVACY_POLICY));
        }
        Instant now = clock.instant();
        Subject subject = new Subject(SubjectUid.generate(), now, actor(context));
        if (personal != null && !personal.isEmpty()) {
            UUID dataKey = keys.keyStore().createDataKey();
            subject.assignDataKey(dataKey);
            subject.setPersonalData(SubjectFieldCipher.encrypt(encode(personal), keys.keyStore().dataKey(dataKey),
                    PERSONAL_DATA, subject.uid().value()));
        }
        identity.persist(subject);
        for (ConsentGrant grant : grants) {
            identity.persist(consent(subject, grant, channel, now));
        }
        identity.flush();
        LOG.info(() -> "Subject " + subject.uid() + " registered with consents " + purposes + " via " + channel);
        return view(subject, now);
    }

    /** The subject with its consents. */
    @Audited(action = "SUBJECT_READ", subjectParameter = 0)
    public SubjectView find(String uid) {
        Subject subject = subject(uid, LockModeType.NONE);
        return view(subject, clock.instant());
    }

    /** Records a further consent (e.g. face verification after registration); idempotent while one is effective. */
    @Audited(action = "CONSENT_GIVE", subjectParameter = 0)
    public SubjectView giveConsent(String uid, ConsentGrant grant, String channel) {
        checkChannel(channel);
        checkCurrentNotice(grant);
        Subject subject = activeSubject(uid);
        Instant now = clock.instant();
        boolean effective = consents(subject).stream()
                .anyMatch(c -> c.purpose() == grant.purpose() && c.isEffectiveAt(now)
                        && c.noticeVersion().equals(grant.noticeVersion()));
        if (!effective) {
            identity.persist(consent(subject, grant, channel, now));
            identity.flush();
            faceDataChanged.fire(FaceDataChanged.subject(uid, "consent-given"));
        }
        return view(subject, now);
    }

    /**
     * Withdraws every effective consent of the purpose. Withdrawing the privacy-policy consent schedules the
     * subject's deletion (ground CONSENT_WITHDRAWN); withdrawing the face-verification consent schedules the
     * deletion of the face data only (history ground FACE_CONSENT_WITHDRAWN), the subject stays.
     */
    @Audited(action = "CONSENT_WITHDRAW", subjectParameter = 0)
    public SubjectView withdrawConsent(String uid, ConsentPurpose purpose, String channel) {
        checkChannel(channel);
        if (purpose == null) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "purpose is required");
        }
        Subject subject = subject(uid, LockModeType.PESSIMISTIC_WRITE);
        if (subject.status() == SubjectStatus.DELETED) {
            throw beingDeleted(subject);
        }
        Instant now = clock.instant();
        List<ConsentRecord> consents = consents(subject);
        List<ConsentRecord> withdrawn = consents.stream()
                .filter(c -> c.purpose() == purpose && c.isEffectiveAt(now)).toList();
        if (withdrawn.isEmpty()) {
            throw new FaceTrustException(FailureCode.CONSENT_MISSING, "no effective consent for " + purpose
                    + " to withdraw", List.of("missing:" + purpose));
        }
        withdrawn.forEach(c -> c.withdraw(now, channel));
        faceDataChanged.fire(FaceDataChanged.subject(uid, "consent-withdrawn"));
        if (purpose == ConsentPurpose.PRIVACY_POLICY) {
            subject.scheduleDeletion(now, deletionPolicy.dueAt(now), DeletionGround.CONSENT_WITHDRAWN.name(),
                    actor(context));
            LOG.info(() -> "Subject " + subject.uid() + " withdrew " + purpose + " via " + channel
                    + ": deletion due at " + subject.deletionDueAt());
        } else if (purpose == ConsentPurpose.FACE_VERIFICATION) {
            subject.scheduleFaceDeletion(now, deletionPolicy.dueAt(now), FACE_CONSENT_WITHDRAWN, actor(context));
            LOG.info(() -> "Subject " + subject.uid() + " withdrew " + purpose + " via " + channel
                    + ": deletion of the face data due at " + subject.faceDeletionDueAt().orElse(null));
        }
        identity.flush();
        return view(subject, now);
    }

    /**
     * Deregistration: schedules deletion with ground DEREGISTERED. (Two-factor verification of the subject
     * before this is not implemented yet; today an operator or enrolling application asks on the subject's behalf.)
     */
    @Audited(action = "DEREGISTER", subjectParameter = 0)
    public SubjectView deregister(String uid) {
        Subject subject = subject(uid, LockModeType.PESSIMISTIC_WRITE);
        if (subject.status() == SubjectStatus.DELETED) {
            throw beingDeleted(subject);
        }
        Instant now = clock.instant();
        subject.scheduleDeletion(now, deletionPolicy.dueAt(now), DeletionGround.DEREGISTERED.name(), actor(context));
        faceDataChanged.fire(FaceDataChanged.subject(uid, "deregistered"));
        identity.flush();
        LOG.info(() -> "Subject " + subject.uid() + " deregistered: deletion due at " + subject.deletionDueAt());
        return view(subject, now);
    }

    /**
     * The purpose the data was collected for is met (A-7.3c), e.g. the programme the subject enrolled for ended:
     * an operator schedules the deletion of everything (ground PURPOSE_MET).
     */
    @RolesAllowed(FaceTrustRoles.OPERATOR)
    @Audited(action = "PURPOSE_MET", subjectParameter = 0)
    public SubjectView purposeMet(String uid) {
        Subject subject = subject(uid, LockModeType.PESSIMISTIC_WRITE);
        if (subject.status() == SubjectStatus.DELETED) {
            throw beingDeleted(subject);
        }
        Instant now = clock.instant();
        subject.scheduleDeletion(now, deletionPolicy.dueAt(now), DeletionGround.PURPOSE_MET.name(), actor(context));
        faceDataChanged.fire(FaceDataChanged.subject(uid, "purpose-met"));
        identity.flush();
        LOG.info(() -> "Subject " + subject.uid() + ": purpose met, deletion due at " + subject.deletionDueAt());
        return view(subject, now);
    }

    /** The subject's status history, oldest first (also for a deleted subject's tombstone). Operators only. */
    @RolesAllowed(FaceTrustRoles.OPERATOR)
    @Audited(action = "SUBJECT_HISTORY_READ", subjectParameter = 0)
    public List<StatusChangeView> history(String uid) {
        Subject subject = subject(uid, LockModeType.NONE);
        return identity.createQuery("select h from SubjectStatusChange h where h.subject = :s "
                        + "order by h.changedAt, h.id", com.facetrust.domain.identity.SubjectStatusChange.class)
                .setParameter("s", subject)
                .getResultList().stream().map(StatusChangeView::of).toList();
    }

    /** Who acts: the caller principal, or "system" outside a caller's request (timers). */
    public static String actor(jakarta.ejb.SessionContext context) {
        try {
            String name = context == null ? null : context.getCallerPrincipal().getName();
            return name == null || name.isBlank() || "anonymous".equals(name)
                    ? com.facetrust.domain.identity.SubjectStatusChange.SYSTEM : name;
        } catch (IllegalStateException e) {
            return com.facetrust.domain.identity.SubjectStatusChange.SYSTEM;
        }
    }

    private ConsentRecord consent(Subject subject, ConsentGrant grant, String channel, Instant now) {
        ConsentNotice notice = notices.current(grant.purpose());
        Instant retainUntil = notice.storagePeriodDays() > 0
                ? now.plus(Duration.ofDays(notice.storagePeriodDays())) : null;
        return new ConsentRecord(subject, grant.purpose(), grant.noticeVersion(), channel, now, retainUntil);
    }

    private void checkCurrentNotice(ConsentGrant grant) {
        if (grant == null || grant.purpose() == null || grant.noticeVersion() == null) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "a consent needs purpose and noticeVersion");
        }
        ConsentNotice current = notices.current(grant.purpose());
        if (!current.version().equals(grant.noticeVersion())) {
            throw new FaceTrustException(FailureCode.CONSENT_NOTICE_OUTDATED, "the current notice for "
                    + grant.purpose() + " is " + current.version(),
                    List.of("current:" + grant.purpose() + "=" + current.version()));
        }
    }

    /** Refuses a malformed channel name (FT-3003); for other components that record channels (import). */
    public static void requireChannel(String channel) {
        checkChannel(channel);
    }

    static void checkChannel(String channel) {
        if (channel == null || !channel.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST,
                    "channel must be 1..32 characters of a-z, 0-9, '-' (e.g. counter, kiosk, web, mobile)");
        }
    }

    private Subject activeSubject(String uid) {
        Subject subject = subject(uid, LockModeType.NONE);
        if (subject.status() != SubjectStatus.ACTIVE) {
            throw beingDeleted(subject);
        }
        return subject;
    }

    static FaceTrustException beingDeleted(Subject subject) {
        return new FaceTrustException(FailureCode.SUBJECT_BEING_DELETED, "the subject is " + subject.status(),
                List.of("status:" + subject.status()));
    }

    Subject subject(String uid, LockModeType lock) {
        return findSubject(identity, uid, lock);
    }

    static Subject findSubject(EntityManager identity, String uid, LockModeType lock) {
        if (!SubjectUid.isWellFormed(uid)) {
            throw new FaceTrustException(FailureCode.SUBJECT_UNKNOWN, "no such subject");
        }
        return lookUp(identity, uid, lock)
                .orElseThrow(() -> new FaceTrustException(FailureCode.SUBJECT_UNKNOWN, "no such subject"));
    }

    /** The subject with this UID, if any, read with {@code lock}; for callers that treat "absent" as an answer. */
    public static Optional<Subject> lookUp(EntityManager identity, String uid, LockModeType lock) {
        return identity.createQuery("select s from Subject s where s.uid = :uid", Subject.class)
                .setParameter("uid", uid)
                .setLockMode(lock)
                .getResultStream()
                .findFirst();
    }

    List<ConsentRecord> consents(Subject subject) {
        return consentsOf(identity, subject);
    }

    static List<ConsentRecord> consentsOf(EntityManager identity, Subject subject) {
        return identity.createQuery("select c from ConsentRecord c where c.subject = :s order by c.givenAt, c.id",
                        ConsentRecord.class)
                .setParameter("s", subject)
                .getResultList();
    }

    private SubjectView view(Subject s, Instant now) {
        PersonalData personal = personalData(s);
        return new SubjectView(s.uid().value(), s.status(), personal.name(), personal.contact(), s.createdAt(),
                s.lastUsedAt(), s.deletionDueAt(), s.deletionGround().orElse(null),
                s.faceDeletionDueAt().orElse(null), s.passwordCredential().isPresent(), s.secondFactor().isPresent(),
                consents(s).stream().map(c -> ConsentView.of(c, now)).toList());
    }

    private PersonalData personalData(Subject s) {
        if (s.personalData().isEmpty() || s.dataKeyId().isEmpty()) {
            return new PersonalData(null, null);
        }
        byte[] plain = SubjectFieldCipher.decrypt(s.personalData().get(), keys.keyStore().dataKey(s.dataKeyId().get()),
                PERSONAL_DATA, s.uid().value());
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(plain))) {
            JsonObject o = reader.readObject();
            return new PersonalData(o.getString("name", null), o.getString("contact", null));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] encode(PersonalData p) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (p.name() != null) {
            b.add("name", p.name());
        }
        if (p.contact() != null) {
            b.add("contact", p.contact());
        }
        return b.build().toString().getBytes(StandardCharsets.UTF_8);
    }
}
