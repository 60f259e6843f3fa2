package com.facetrust.domain.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;

/** One batch import: its source, progress counts and state (A-5.6.3: progress display). */
@Entity
@Table(name = "import_job")
public class ImportJob {

    public enum State { RUNNING, DONE, FAILED }

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "source_name", length = 32, nullable = false, updatable = false)
    private String sourceName;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 16, nullable = false)
    private State state;

    @Column(name = "total", nullable = false)
    private int total;

    @Column(name = "processed", nullable = false)
    private int processed;

    @Column(name = "succeeded", nullable = false)
    private int succeeded;

    @Column(name = "failed", nullable = false)
    private int failed;

    @Column(name = "started_by", length = 128, nullable = false, updatable = false)
    private String startedBy;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected ImportJob() {
        // for JPA
    }

    public ImportJob(String id, String sourceName, int total, String startedBy, Instant startedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.total = total;
        this.state = State.RUNNING;
        this.startedBy = startedBy == null ? "system" : startedBy.substring(0, Math.min(128, startedBy.length()));
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    }

    public void recordOutcome(boolean ok) {
        processed++;
        if (ok) {
            succeeded++;
        } else {
            failed++;
        }
    }

    public void finish(State end, Instant at) {
        state = end;
        finishedAt = at;
    }

    public String id() { return id; }
    public String sourceName() { return sourceName; }
    public State state() { return state; }
    public int total() { return total; }
    public int processed() { return processed; }
    public int succeeded() { return succeeded; }
    public int failed() { return failed; }
    public String startedBy() { return startedBy; }
    public Instant startedAt() { return startedAt; }
    public Instant finishedAt() { return finishedAt; }
}
