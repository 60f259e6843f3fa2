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
 * One run of the rotation of an application domain's key (issue 4 "Renewable", A-7.2b): every template of the
 * domain re-issued under {@code targetVersion}, then the older versions destroyed. Progress counts are updated after
 * every batch, so {@code GET /protection/rotations/{id}} shows how far it got; a crashed run stays RUNNING until the
 * next run resumes it (the key store still has both versions).
 */
@Entity
@Table(name = "key_rotation_run", indexes = @Index(name = "ix_key_rotation_run_domain",
        columnList = "protection_domain, started_at"))
public class KeyRotationRun {

    /** Where a run is. */
    public enum State { RUNNING, DONE, FAILED, BASELINE }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "key_rotation_run_seq")
    @SequenceGenerator(name = "key_rotation_run_seq", sequenceName = "key_rotation_run_seq", allocationSize = 1)
    private Long id;

    @Column(name = "protection_domain", length = 64, nullable = false, updatable = false)
    private String domain;

    @Column(name = "target_version", nullable = false, updatable = false)
    private int targetVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 16, nullable = false)
    private State state;

    /** What started it: TIMER, MANUAL (the admin endpoint), or BASELINE (first sight of the domain's key). */
    @Column(name = "run_trigger", length = 16, nullable = false, updatable = false)
    private String trigger;

    @Column(name = "started_by", length = 128, nullable = false, updatable = false)
    private String startedBy;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "total", nullable = false)
    private long total;

    @Column(name = "processed", nullable = false)
    private long processed;

    @Column(name = "reissued", nullable = false)
    private long reissued;

    @Column(name = "already_current", nullable = false)
    private long alreadyCurrent;

    @Column(name = "shredded", nullable = false)
    private long shredded;

    @Column(name = "integrity_failures", nullable = false)
    private long integrityFailures;

    /** The versions destroyed at the end, e.g. "1" or "1,2". */
    @Column(name = "destroyed_versions", length = 64)
    private String destroyedVersions;

    /** Why a run failed (a failure code and short text, no personal data). */
    @Column(name = "failure", length = 200)
    private String failure;

    /** Highest face_reference id handled so far (batches resume after it). */
    @Column(name = "last_reference_id", nullable = false)
    private long lastReferenceId;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected KeyRotationRun() {
        // for JPA
    }

    public KeyRotationRun(String domain, int targetVersion, State state, String trigger, String startedBy,
                          Instant startedAt, long total) {
        this.domain = Objects.requireNonNull(domain, "domain");
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

    /** Adds the counts of one batch; {@code lastId} is the highest reference id the batch looked at. */
    public void progress(long processed, long reissued, long alreadyCurrent, long shredded, long integrityFailures,
                         long lastId) {
        this.processed += processed;
        this.reissued += reissued;
        this.alreadyCurrent += alreadyCurrent;
        this.shredded += shredded;
        this.integrityFailures += integrityFailures;
        this.lastReferenceId = Math.max(this.lastReferenceId, lastId);
    }

    public void done(String destroyedVersions, Instant at) {
        this.state = State.DONE;
        this.destroyedVersions = destroyedVersions;
        this.finishedAt = at;
    }

    public void failed(String failure, Instant at) {
        this.state = State.FAILED;
        this.failure = failure == null ? null : failure.substring(0, Math.min(200, failure.length()));
        this.finishedAt = at;
    }

    public Long id() { return id; }
    public String domain() { return domain; }
    public int targetVersion() { return targetVersion; }
    public State state() { return state; }
    public String trigger() { return trigger; }
    public String startedBy() { return startedBy; }
    public Instant startedAt() { return startedAt; }
    public Instant finishedAt() { return finishedAt; }
    public long total() { return total; }
    public long processed() { return processed; }
    public long reissued() { return reissued; }
    public long alreadyCurrent() { return alreadyCurrent; }
    public long shredded() { return shredded; }
    public long integrityFailures() { return integrityFailures; }
    public String destroyedVersions() { return destroyedVersions; }
    public String failure() { return failure; }
    public long lastReferenceId() { return lastReferenceId; }
}
