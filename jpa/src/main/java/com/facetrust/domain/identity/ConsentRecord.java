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
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;

/**
 * One consent given by a subject for one purpose under one version of the notice text (A-7.1a, C-6.1.1,
 * D-8.2.2c). Consents are never edited: a withdrawal stamps {@code withdrawnAt}; a new notice version means a new
 * record. The notice text itself (purpose, data kinds, storage period, controller contact) is versioned outside
 * this row and referred to by {@code noticeVersion}.
 */
@Entity
@Table(name = "consent_record",
        indexes = @Index(name = "ix_consent_record_subject", columnList = "subject_id"))
public class ConsentRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "consent_record_seq")
    @SequenceGenerator(name = "consent_record_seq", sequenceName = "consent_record_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subject_id", nullable = false, updatable = false,
            foreignKey = @ForeignKey(name = "fk_consent_record_subject"))
    private Subject subject;

    @Enumerated(EnumType.STRING)
    @Column(name = "purpose", length = 32, nullable = false, updatable = false)
    private ConsentPurpose purpose;

    @Column(name = "notice_version", length = 32, nullable = false, updatable = false)
    private String noticeVersion;

    /** Where consent was given (e.g. counter, kiosk, mobile, web). */
    @Column(name = "channel", length = 32, nullable = false, updatable = false)
    private String channel;

    @Column(name = "given_at", nullable = false, updatable = false)
    private Instant givenAt;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    /** Where the consent was withdrawn (null while not withdrawn). */
    @Column(name = "withdrawal_channel", length = 32)
    private String withdrawalChannel;

    /** End of the consented storage period (A-7.3b); null = until withdrawn or another ground applies. */
    @Column(name = "retain_until", updatable = false)
    private Instant retainUntil;

    /** Where the evidence of the consent lives (e.g. a signed form's reference, given with an import); optional. */
    @Column(name = "evidence", length = 200, updatable = false)
    private String evidence;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected ConsentRecord() {
        // for JPA
    }

    public ConsentRecord(Subject subject, ConsentPurpose purpose, String noticeVersion, String channel,
                         Instant givenAt, Instant retainUntil) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.noticeVersion = requireText(noticeVersion, "noticeVersion", 32);
        this.channel = requireText(channel, "channel", 32);
        this.givenAt = Objects.requireNonNull(givenAt, "givenAt");
        if (retainUntil != null && !retainUntil.isAfter(givenAt)) {
            throw new IllegalArgumentException("retainUntil must be after givenAt");
        }
        this.retainUntil = retainUntil;
    }

    private static String requireText(String text, String name, int maxLength) {
        if (text == null || text.isBlank() || text.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1.." + maxLength + " characters");
        }
        return text;
    }

    /** As the main constructor, with the reference of the consent's evidence (required for imported consents). */
    public ConsentRecord(Subject subject, ConsentPurpose purpose, String noticeVersion, String channel,
                         Instant givenAt, Instant retainUntil, String evidence) {
        this(subject, purpose, noticeVersion, channel, givenAt, retainUntil);
        this.evidence = requireText(evidence, "evidence", 200);
    }

    public String evidence() { return evidence; }

    public Long id() { return id; }
    public Subject subject() { return subject; }
    public ConsentPurpose purpose() { return purpose; }
    public String noticeVersion() { return noticeVersion; }
    public String channel() { return channel; }
    public Instant givenAt() { return givenAt; }
    public Instant withdrawnAt() { return withdrawnAt; }
    public Instant retainUntil() { return retainUntil; }
    public String withdrawalChannel() { return withdrawalChannel; }

    /** Valid at {@code when}: given, not withdrawn by then, storage period not over. */
    public boolean isEffectiveAt(Instant when) {
        return !when.isBefore(givenAt)
                && (withdrawnAt == null || when.isBefore(withdrawnAt))
                && (retainUntil == null || when.isBefore(retainUntil));
    }

    /** Withdraws the consent; a second withdrawal keeps the first time, the one that started the deletion clock. */
    public void withdraw(Instant when) {
        Objects.requireNonNull(when, "when");
        if (when.isBefore(givenAt)) {
            throw new IllegalArgumentException("withdrawal before the consent was given");
        }
        if (withdrawnAt == null) {
            withdrawnAt = when;
        }
    }

    /** Withdraws the consent through a channel (counter, kiosk, web...); the first withdrawal's time and channel stay. */
    public void withdraw(Instant when, String channel) {
        String checked = requireText(channel, "channel", 32);
        boolean first = withdrawnAt == null;
        withdraw(when);
        if (first) {
            withdrawalChannel = checked;
        }
    }
}
