package com.facetrust.domain.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;

/**
 * One run of the rotation of the key-encryption key (KEK, D-8.2.5g, A-9.2f): every wrapped key (data keys, domain
 * keys) re-wrapped under {@code targetVersion}, then the older KEK versions removed from the master keystore.
 * Progress counts are updated after every batch, so {@code GET /protection/kek-rotations/{id}} shows how far it got;
 * a crashed run stays RUNNING until the next start resumes it (the keystore still holds both versions, and each
 * wrapped key names its own KEK version, so the key directory itself says what is left).
 */
@Entity
@Table(name = "kek_rotation_run", indexes = @Index(name = "ix_kek_rotation_run_started", columnList = "started_at"))
public class KekRotationRun {

    /** Where a run is. */
    public enum State { RUNNING, DONE, FAILED, BASELINE }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "kek_rotation_run_seq")
    @SequenceGenerator(name = "kek_rotation_run_seq", sequenceName = "kek_rotation_run_seq", allocationSize = 1)
    private Long id;

    @Column(name = "target_version", nullable = false, updatable = false)
    private int targetVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 16, nullable = false)
    private State state;

    /** What started it: TIMER, MANUAL (the admin endpoint), or BASELINE (first sight of the current KEK). */
    @Column(name = "run_trigger", length = 16, nullable = false, updatable = false)
    private String trigger;

    @Column(name = "started_by", length = 128, nullable = false, updatable = false)
    private String startedBy;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** Wrapped keys in the key directory when the run began. */
    @Column(name = "total", nullable = false)
    private long total;

    @Column(name = "processed", nullable = false)
    private long processed;

    @Column(name = "rewrapped", nullable = false)
    private long rewrapped;

    @Column(name = "already_current", nullable = false)
    private long alreadyCurrent;

    /** Keys destroyed while the run went on (subjects deleted) or already unrecoverable. */
    @Column(name = "vanished", nullable = false)
    private long vanished;

    @Column(name = "integrity_failures", nullable = false)
    private long integrityFailures;

    /** The KEK versions removed at the end, e.g. "1" or "1,2". */
    @Column(name = "retired_versions", length = 64)
    private String retiredVersions;

    /** Why a run failed (a failure code and short text, no key material). */
    @Column(name = "failure", length = 200)
    private String failure;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected KekRotationRun() {
        // for JPA
    }

    public KekRotationRun(int targetVersion, State state, String trigger, String startedBy, Instant startedAt,
                          long total) {
        this.targetVersion = targetVersion;
        this.state = Objects.requireNonNull(state, "state");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.startedBy = startedBy == null || startedBy.isBlank() ? "system"
                : startedBy.substring(0, Math.min(128, startedBy.length()));
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.total = total;
        if (state == State.BASELINE) {
            this.finishedAt = startedAt;
        }
    }

    /** Adds the counts of one batch. */
    public void progress(long processed, long rewrapped, long alreadyCurrent, long vanished,
                         long integrityFailures) {
        this.processed += processed;
        this.rewrapped += rewrapped;
        this.alreadyCurrent += alreadyCurrent;
        this.vanished += vanished;
        this.integrityFailures += integrityFailures;
    }

    /** A resumed run starts its pass over the key directory again: the counts restart with it. */
    public void restartPass() {
        this.processed = 0;
        this.rewrapped = 0;
        this.alreadyCurrent = 0;
        this.vanished = 0;
        this.integrityFailures = 0;
        this.state = State.RUNNING;
        this.failure = null;
        this.finishedAt = null;
    }

    public void done(String retiredVersions, Instant at) {
        this.state = State.DONE;
        this.retiredVersions = retiredVersions;
        this.finishedAt = at;
    }

    public void failed(String failure, Instant at) {
        this.state = State.FAILED;
        this.failure = failure == null ? null : failure.substring(0, Math.min(200, failure.length()));
        this.finishedAt = at;
    }

    public Long id() { return id; }
    public int targetVersion() { return targetVersion; }
    public State state() { return state; }
    public String trigger() { return trigger; }
    public String startedBy() { return startedBy; }
    public Instant startedAt() { return startedAt; }
    public Instant finishedAt() { return finishedAt; }
    public long total() { return total; }
    public long processed() { return processed; }
    public long rewrapped() { return rewrapped; }
    public long alreadyCurrent() { return alreadyCurrent; }
    public long vanished() { return vanished; }
    public long integrityFailures() { return integrityFailures; }
    public String retiredVersions() { return retiredVersions; }
    public String failure() { return failure; }
}
