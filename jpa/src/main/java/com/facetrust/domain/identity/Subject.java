package com.facetrust.domain.identity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A person known to FaceTrust, in the identity store (persistence unit {@code identity}). Holds no face data at all:
 * face references live in the biometric store and point here only through a keyed pseudonym of the UID
 * (B-5.4.2, C-6.1.5), so neither store alone links a face to a person.
 *
 * <p>Every change of status (and every change of the face data's state: deletion of the face references scheduled
 * or done) appends a {@link SubjectStatusChange} through {@link #changeStatus}, persisted with the subject by
 * cascade, so the history cannot be forgotten by a caller (issue 4 "status history").
 */
@Entity
@Table(name = "subject", uniqueConstraints = @UniqueConstraint(name = "uk_subject_uid", columnNames = "uid"))
public class Subject {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "subject_seq")
    @SequenceGenerator(name = "subject_seq", sequenceName = "subject_seq", allocationSize = 50)
    private Long id;

    @Column(name = "uid", length = 32, nullable = false, updatable = false)
    private String uid;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 24, nullable = false)
    private SubjectStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** Last successful use; one year without use is a deletion ground (A-7.3e). */
    @Column(name = "last_used_at", nullable = false)
    private Instant lastUsedAt;

    /** Set when a deletion ground applies; the sweep must delete by then (at most 15 days, A-7.3). */
    @Column(name = "deletion_due_at")
    private Instant deletionDueAt;

    /** The subject's data key in the template key store (outside the database); destroyed first at deletion. */
    @Column(name = "data_key_id", length = 36)
    private String dataKeyId;

    /** Why deletion was scheduled (kept on the tombstone for the audit trail). */
    @Column(name = "deletion_ground", length = 32)
    private String deletionGround;

    /** When the subject's data was destroyed. */
    @Column(name = "deleted_at")
    private Instant deletedAt;

    /** The TOTP secret of the second factor, encrypted under the subject's data key (never in clear here). */
    @Column(name = "second_factor", length = 256)
    private byte[] secondFactor;

    /** Name and contact, encrypted under the subject's data key (field-level encryption; never in clear here). */
    @Column(name = "personal_data", length = 2048)
    private byte[] personalData;

    /** Last accepted TOTP time step: a one-time code is accepted once. */
    @Column(name = "second_factor_step")
    private Long secondFactorStep;

    /**
     * The password of the non-face way in (A-7.1b, B-5.5.2): PBKDF2 parameters, salt and hash, encrypted under the
     * subject's data key like the TOTP secret (never in clear, shredded with the key).
     */
    @Column(name = "password_credential", length = 256)
    private byte[] passwordCredential;

    /**
     * Set when the face-verification consent ended (withdrawn or expired): by then the sweep deletes the face
     * references and shreds the data key they were encrypted under, while the subject keeps the non-face way in.
     */
    @Column(name = "face_deletion_due_at")
    private Instant faceDeletionDueAt;

    /**
     * A data key replaced during face-data shredding whose destruction is still to be confirmed; the sweep destroys
     * it (idempotent) and clears this, so a crash between commit and destruction never leaves the key alive.
     */
    @Column(name = "retired_data_key_id", length = 36)
    private String retiredDataKeyId;

    @OneToMany(mappedBy = "subject", cascade = CascadeType.PERSIST)
    @OrderBy("changedAt ASC, id ASC")
    private List<SubjectStatusChange> history = new ArrayList<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Subject() {
        // for JPA
    }

    public Subject(SubjectUid uid, Instant now) {
        this(uid, now, SubjectStatusChange.SYSTEM);
    }

    /** A new active subject; the registration is the first entry of its history, by {@code by}. */
    public Subject(SubjectUid uid, Instant now, String by) {
        this.uid = Objects.requireNonNull(uid, "uid").value();
        this.createdAt = Objects.requireNonNull(now, "now");
        this.lastUsedAt = now;
        this.status = SubjectStatus.ACTIVE;
        history.add(new SubjectStatusChange(this, null, SubjectStatus.ACTIVE, now, "REGISTERED", by));
    }

    public Long id() { return id; }
    public SubjectUid uid() { return new SubjectUid(uid); }
    public SubjectStatus status() { return status; }
    public Instant createdAt() { return createdAt; }
    public Instant lastUsedAt() { return lastUsedAt; }
    public Instant deletionDueAt() { return deletionDueAt; }
    public long version() { return version; }
    public Optional<UUID> dataKeyId() { return Optional.ofNullable(dataKeyId).map(UUID::fromString); }
    public Optional<String> deletionGround() { return Optional.ofNullable(deletionGround); }
    public Instant deletedAt() { return deletedAt; }

    public Optional<byte[]> personalData() { return Optional.ofNullable(personalData).map(byte[]::clone); }

    /** Replaces the encrypted personal data (null removes it). */
    public void setPersonalData(byte[] encrypted) {
        if (status == SubjectStatus.DELETED) {
            throw new IllegalStateException("Subject is " + status);
        }
        personalData = encrypted == null ? null : encrypted.clone();
    }

    public Optional<byte[]> secondFactor() { return Optional.ofNullable(secondFactor).map(byte[]::clone); }

    /** Sets the encrypted second-factor secret (once; a new one needs the old factor removed by an operator). */
    public void setSecondFactor(byte[] encryptedSecret) {
        if (secondFactor != null) {
            throw new IllegalStateException("the subject already has a second factor");
        }
        secondFactor = Objects.requireNonNull(encryptedSecret, "encryptedSecret").clone();
        secondFactorStep = null;
    }

    /** Records an accepted TOTP time step; refuses a step at or before the last accepted one (replay). */
    public boolean acceptSecondFactorStep(long step) {
        if (secondFactorStep != null && step <= secondFactorStep) {
            return false;
        }
        secondFactorStep = step;
        return true;
    }

    /** Binds the subject's data key (once: templates encrypted under it would be lost by a silent switch). */
    public void assignDataKey(UUID keyId) {
        Objects.requireNonNull(keyId, "keyId");
        if (dataKeyId != null && !dataKeyId.equals(keyId.toString())) {
            throw new IllegalStateException("the subject already has a data key");
        }
        if (status == SubjectStatus.DELETED) {
            throw new IllegalStateException("Subject is " + status);
        }
        dataKeyId = keyId.toString();
    }

    /**
     * Schedules deletion for a ground (e.g. {@code CONSENT_WITHDRAWN}) at {@code now}, due at {@code dueAt}; an
     * earlier due date already set wins, and so does its ground. Recorded in the history when status or ground
     * changes.
     */
    public void scheduleDeletion(Instant now, Instant dueAt, String ground, String by) {
        Objects.requireNonNull(ground, "ground");
        if (ground.isBlank() || ground.length() > 32) {
            throw new IllegalArgumentException("ground must be 1..32 characters");
        }
        Objects.requireNonNull(dueAt, "dueAt");
        if (status == SubjectStatus.DELETED) {
            return;
        }
        SubjectStatus from = status;
        Instant before = deletionDueAt;
        status = SubjectStatus.DELETION_PENDING;
        if (deletionDueAt == null || dueAt.isBefore(deletionDueAt)) {
            deletionDueAt = dueAt;
        }
        if (before == null || !deletionDueAt.equals(before)) {
            deletionGround = ground;
            changeStatus(from, now, ground, by);
        }
    }

    /**
     * Appends one history entry for a move from {@code from} to the current status; also for a change that keeps
     * the status (a new deletion ground, the face data's deletion scheduled or done).
     */
    private void changeStatus(SubjectStatus from, Instant at, String ground, String by) {
        history.add(new SubjectStatusChange(this, from, status, Objects.requireNonNull(at, "at"), ground, by));
    }

    /** The history of this subject, oldest first. */
    public List<SubjectStatusChange> history() {
        return List.copyOf(history);
    }

    /** Records a successful use (verification, enrolment change) for the inactivity rule. */
    public void markUsed(Instant when) {
        if (status != SubjectStatus.ACTIVE) {
            throw new IllegalStateException("Subject is " + status);
        }
        if (when.isAfter(lastUsedAt)) {
            lastUsedAt = when;
        }
    }

    /**
     * The anonymised tombstone after the sweep: the data key is gone (its id is dropped too), only the random UID,
     * the status, the ground, the times and the status history remain for the audit trail.
     */
    public void markDeleted(Instant when, String by) {
        SubjectStatus from = status;
        status = SubjectStatus.DELETED;
        dataKeyId = null;
        retiredDataKeyId = null;
        secondFactor = null;
        secondFactorStep = null;
        personalData = null;
        passwordCredential = null;
        faceDeletionDueAt = null;
        deletedAt = Objects.requireNonNull(when, "when");
        changeStatus(from, when, deletionGround == null ? "DELETED" : deletionGround, by);
    }

    public Optional<byte[]> passwordCredential() { return Optional.ofNullable(passwordCredential).map(byte[]::clone); }

    /** Sets or replaces the encrypted password credential of the non-face way in. */
    public void setPasswordCredential(byte[] encrypted) {
        if (status != SubjectStatus.ACTIVE) {
            throw new IllegalStateException("Subject is " + status);
        }
        passwordCredential = Objects.requireNonNull(encrypted, "encrypted").clone();
    }

    public Optional<Instant> faceDeletionDueAt() { return Optional.ofNullable(faceDeletionDueAt); }

    /**
     * The face-verification consent ended: the face references are to be deleted by {@code dueAt} (an earlier date
     * already set wins). Recorded in the history (status unchanged).
     */
    public void scheduleFaceDeletion(Instant now, Instant dueAt, String ground, String by) {
        Objects.requireNonNull(dueAt, "dueAt");
        if (status != SubjectStatus.ACTIVE) {
            return; // a pending or done deletion of the whole subject covers the face data
        }
        if (faceDeletionDueAt == null || dueAt.isBefore(faceDeletionDueAt)) {
            faceDeletionDueAt = dueAt;
            changeStatus(status, now, ground, by);
        }
    }

    /**
     * The face data was shredded: identity fields now live under {@code newDataKey}; the old key (which also
     * encrypted the templates) is remembered as retired until its destruction is confirmed.
     */
    public void faceDataShredded(UUID newDataKey, Instant when, String by) {
        if (status != SubjectStatus.ACTIVE) {
            throw new IllegalStateException("Subject is " + status);
        }
        retiredDataKeyId = dataKeyId;
        dataKeyId = newDataKey == null ? null : newDataKey.toString();
        faceDeletionDueAt = null;
        changeStatus(status, when, "FACE_DATA_DELETED", by);
    }

    public Optional<UUID> retiredDataKeyId() { return Optional.ofNullable(retiredDataKeyId).map(UUID::fromString); }

    /** The retired data key was destroyed. */
    public void retiredDataKeyDestroyed() {
        retiredDataKeyId = null;
    }

    /** Replaces the encrypted second-factor secret during a re-keying (same secret, new data key). */
    public void rekeySecondFactor(byte[] encryptedSecret) {
        if (secondFactor == null) {
            throw new IllegalStateException("no second factor to re-key");
        }
        secondFactor = Objects.requireNonNull(encryptedSecret, "encryptedSecret").clone();
    }
}
