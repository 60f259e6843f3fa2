package com.facetrust.domain.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;

/**
 * A warning or alarm raised by a failure or a condition operators must see (A-5.7.5.3), kept in the identity store
 * (identity V6). {@code target} is a pseudonym or masked identifier and {@code detail} a short text without personal
 * data. Acknowledging it (by an operator) is the only change ever made to a row.
 */
@Entity
@Table(name = "security_event")
public class SecurityEvent {

    /** Warnings for operators, alarms for attacks, tampering and faults that need a person. */
    public enum Level { WARNING, ALARM }

    public static final int DETAIL_LENGTH = 256;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "security_event_seq")
    @SequenceGenerator(name = "security_event_seq", sequenceName = "security_event_seq", allocationSize = 50)
    private Long id;

    @Column(name = "raised_at", nullable = false, updatable = false)
    private Instant raisedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_level", length = 8, nullable = false, updatable = false)
    private Level level;

    @Column(name = "code", length = 16, nullable = false, updatable = false)
    private String code;

    @Column(name = "action", length = 128, updatable = false)
    private String action;

    @Column(name = "target", length = 128, updatable = false)
    private String target;

    @Column(name = "principal", length = 128, updatable = false)
    private String principal;

    @Column(name = "client_id", length = 128, updatable = false)
    private String clientId;

    @Column(name = "source_address", length = 64, updatable = false)
    private String sourceAddress;

    @Column(name = "detail", length = DETAIL_LENGTH, updatable = false)
    private String detail;

    @Column(name = "acknowledged_by", length = 128)
    private String acknowledgedBy;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SecurityEvent() {
        // for JPA
    }

    public SecurityEvent(Instant raisedAt, Level level, String code, String action, String target, String principal,
                         String clientId, String sourceAddress, String detail) {
        this.raisedAt = Objects.requireNonNull(raisedAt, "raisedAt");
        this.level = Objects.requireNonNull(level, "level");
        this.code = Objects.requireNonNull(code, "code");
        this.action = clip(action, 128);
        this.target = clip(target, 128);
        this.principal = clip(principal, 128);
        this.clientId = clip(clientId, 128);
        this.sourceAddress = clip(sourceAddress, 64);
        this.detail = clip(detail, DETAIL_LENGTH);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** Records who acknowledged the event; refused if it already was (the first acknowledgement stands). */
    public void acknowledge(String by, Instant at) {
        if (acknowledgedBy != null) {
            throw new IllegalStateException("event " + id + " was already acknowledged");
        }
        this.acknowledgedBy = clip(Objects.requireNonNull(by, "by"), 128);
        this.acknowledgedAt = Objects.requireNonNull(at, "at");
    }

    public Long id() { return id; }
    public Instant raisedAt() { return raisedAt; }
    public Level level() { return level; }
    public String code() { return code; }
    public String action() { return action; }
    public String target() { return target; }
    public String principal() { return principal; }
    public String clientId() { return clientId; }
    public String sourceAddress() { return sourceAddress; }
    public String detail() { return detail; }
    public String acknowledgedBy() { return acknowledgedBy; }
    public Instant acknowledgedAt() { return acknowledgedAt; }
    public boolean acknowledged() { return acknowledgedBy != null; }
}
