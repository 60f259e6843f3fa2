package com.facetrust.domain.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;

/**
 * The failed-attempt counter of one scope for one recognition operation (A-5.7.5.1 e, D-8.2.5 d): verification,
 * identification and ID-photo comparison count separately. {@code counterKey} is a SHA-256 over operation, scope
 * and the scope's value (UID, client id, device id, address), so the counter never holds them in clear.
 * {@code failures} is weighted (an attack weighs more than a failure). The application updates a counter only under
 * a pessimistic row lock; {@code version} catches any writer that bypasses it.
 */
@Entity
@Table(name = "attempt_counter")
public class AttemptCounter {

    @Id
    @Column(name = "counter_key", length = 64, nullable = false, updatable = false)
    private String counterKey;

    /** RecognitionOperation name (VERIFY, IDENTIFY, ID_PHOTO). */
    @Column(name = "operation", length = 16, nullable = false, updatable = false)
    private String operation;

    @Enumerated(EnumType.STRING)
    @Column(name = "scope", length = 16, nullable = false, updatable = false)
    private AttemptScope scope;

    @Column(name = "failures", nullable = false)
    private int failures;

    /** Start of the counting window (client, device and address scopes). */
    @Column(name = "window_start")
    private Instant windowStart;

    @Column(name = "last_failure_at")
    private Instant lastFailureAt;

    /** No attempt before this instant (the increasing delay); null when none. */
    @Column(name = "delay_until")
    private Instant delayUntil;

    /** No attempt before this instant (the block); null when not blocked. */
    @Column(name = "blocked_until")
    private Instant blockedUntil;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected AttemptCounter() {
        // for JPA
    }

    public AttemptCounter(String counterKey, String operation, AttemptScope scope) {
        this.counterKey = Objects.requireNonNull(counterKey, "counterKey");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public String counterKey() { return counterKey; }
    public String operation() { return operation; }
    public AttemptScope scope() { return scope; }
    public int failures() { return failures; }
    public Instant windowStart() { return windowStart; }
    public Instant lastFailureAt() { return lastFailureAt; }
    public Instant delayUntil() { return delayUntil; }
    public Instant blockedUntil() { return blockedUntil; }

    /** Sets the whole counting state at once (computed by the policy's arithmetic). */
    public void update(int failures, Instant windowStart, Instant lastFailureAt, Instant delayUntil,
                       Instant blockedUntil) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative");
        }
        this.failures = failures;
        this.windowStart = windowStart;
        this.lastFailureAt = lastFailureAt;
        this.delayUntil = delayUntil;
        this.blockedUntil = blockedUntil;
    }
}
