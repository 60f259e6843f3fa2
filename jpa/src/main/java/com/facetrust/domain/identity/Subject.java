package com.facetrust.domain.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A person known to FaceTrust, in the identity store (persistence unit {@code identity}). Holds no face data at all:
 * face references live in the biometric store and point here only through a keyed pseudonym of the UID
 * (B-5.4.2, C-6.1.5), so neither store alone links a face to a person.
 *
 * <p>Personal data (name, contact, field-encrypted) is added by the lifecycle work of issue 4 with its own migration.
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

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Subject() {
        // for JPA
    }

    public Subject(SubjectUid uid, Instant now) {
        this.uid = Objects.requireNonNull(uid, "uid").value();
        this.createdAt = Objects.requireNonNull(now, "now");
        this.lastUsedAt = now;
        this.status = SubjectStatus.ACTIVE;
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
     * Schedules deletion for a ground (e.g. {@code CONSENT_WITHDRAWN}); an earlier due date already set wins, and so
     * does its ground.
     */
    public void scheduleDeletion(Instant dueAt, String ground) {
        Objects.requireNonNull(ground, "ground");
        if (ground.isBlank() || ground.length() > 32) {
            throw new IllegalArgumentException("ground must be 1..32 characters");
        }
        Instant before = deletionDueAt;
        scheduleDeletion(dueAt);
        if (status == SubjectStatus.DELETION_PENDING && (before == null || !deletionDueAt.equals(before))) {
            deletionGround = ground;
        }
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

    /** Schedules deletion; an earlier due date already set wins, so a second ground never postpones deletion. */
    public void scheduleDeletion(Instant dueAt) {
        Objects.requireNonNull(dueAt, "dueAt");
        if (status == SubjectStatus.DELETED) {
            return;
        }
        status = SubjectStatus.DELETION_PENDING;
        if (deletionDueAt == null || dueAt.isBefore(deletionDueAt)) {
            deletionDueAt = dueAt;
        }
    }

    /** Marks the row as the anonymised tombstone left after the data was destroyed. */
    public void markDeleted() {
        status = SubjectStatus.DELETED;
    }

    /**
     * The anonymised tombstone after the sweep: the data key is gone (its id is dropped too), only the random UID,
     * the status, the ground and the times remain for the audit trail.
     */
    public void markDeleted(Instant when) {
        markDeleted();
        dataKeyId = null;
        secondFactor = null;
        secondFactorStep = null;
        personalData = null;
        deletedAt = Objects.requireNonNull(when, "when");
    }
}
