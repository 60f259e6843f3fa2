package com.facetrust.domain.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one record of an import (A-5.6.3: per-record outcome report): {@code OK} with the new subject's UID,
 * or the failure code with its reasons (no personal data, no image).
 */
@Entity
@Table(name = "import_record_outcome")
public class ImportRecordOutcome {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "import_record_outcome_seq")
    @SequenceGenerator(name = "import_record_outcome_seq", sequenceName = "import_record_outcome_seq",
            allocationSize = 50)
    private Long id;

    @Column(name = "job_id", length = 36, nullable = false, updatable = false)
    private String jobId;

    @Column(name = "record_id", length = 64, nullable = false, updatable = false)
    private String recordId;

    @Column(name = "outcome", length = 16, nullable = false, updatable = false)
    private String outcome;

    @Column(name = "reasons", length = 500, updatable = false)
    private String reasons;

    @Column(name = "subject_uid", length = 32, updatable = false)
    private String subjectUid;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected ImportRecordOutcome() {
        // for JPA
    }

    public ImportRecordOutcome(String jobId, String recordId, String outcome, String reasons, String subjectUid,
                               Instant recordedAt) {
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.recordId = recordId.substring(0, Math.min(64, recordId.length()));
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.reasons = reasons == null ? null : reasons.substring(0, Math.min(500, reasons.length()));
        this.subjectUid = subjectUid;
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
    }

    public String jobId() { return jobId; }
    public String recordId() { return recordId; }
    public String outcome() { return outcome; }
    public String reasons() { return reasons; }
    public String subjectUid() { return subjectUid; }
    public Instant recordedAt() { return recordedAt; }
}
