package com.facetrust.domain.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a subject's status history (issue 4): from which status to which, when, on what ground, by whom
 * (the caller principal, or {@value #SYSTEM} for the timer). Entries are never edited (every column
 * {@code updatable=false}) and hold no personal data, so they stay with the anonymised tombstone and go only when
 * the tombstone's retention ends. A change that keeps the status (the face data's deletion scheduled or done) is
 * recorded with {@code from == to} and its ground.
 */
@Entity
@Table(name = "subject_status_change",
        indexes = @Index(name = "ix_subject_status_change_subject", columnList = "subject_id, changed_at"))
public class SubjectStatusChange {
    /** The actor recorded for changes made by the server itself (deletion sweep, retention, timers). */
    public static final String SYSTEM = "system";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "subject_status_change_seq")
    @SequenceGenerator(name = "subject_status_change_seq", sequenceName = "subject_status_change_seq",
            allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subject_id", nullable = false, updatable = false,
            foreignKey = @ForeignKey(name = "fk_subject_status_change_subject"))
    private Subject subject;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", length = 24, updatable = false)
    private SubjectStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", length = 24, nullable = false, updatable = false)
    private SubjectStatus toStatus;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private Instant changedAt;

    @Column(name = "ground", length = 32, nullable = false, updatable = false)
    private String ground;

    @Column(name = "changed_by", length = 128, nullable = false, updatable = false)
    private String changedBy;

    protected SubjectStatusChange() {
        // for JPA
    }

    SubjectStatusChange(Subject subject, SubjectStatus fromStatus, SubjectStatus toStatus, Instant changedAt,
                        String ground, String changedBy) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.fromStatus = fromStatus;
        this.toStatus = Objects.requireNonNull(toStatus, "toStatus");
        this.changedAt = Objects.requireNonNull(changedAt, "changedAt");
        this.ground = text(ground, "ground", 32);
        this.changedBy = changedBy == null || changedBy.isBlank() ? SYSTEM : truncate(changedBy, 128);
    }

    private static String text(String value, String name, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1.." + max + " characters");
        }
        return value;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    public Long id() { return id; }
    public Subject subject() { return subject; }
    public SubjectStatus fromStatus() { return fromStatus; }
    public SubjectStatus toStatus() { return toStatus; }
    public Instant changedAt() { return changedAt; }
    public String ground() { return ground; }
    public String changedBy() { return changedBy; }
}
