package com.facetrust.application.imports;

import com.facetrust.domain.imports.ImportJob;
import com.facetrust.domain.imports.ImportRecordOutcome;

import java.time.Instant;
import java.util.List;

/**
 * An import as the API shows it: progress and the per-record outcome report ({@code recordId} → {@code OK} with the
 * new subject's UID, or the failure code with its reasons).
 */
public record ImportJobView(String id, String source, String state, int total, int processed, int succeeded,
                            int failed, String startedBy, Instant startedAt, Instant finishedAt,
                            List<RecordOutcome> records) {

    /** One record's outcome. */
    public record RecordOutcome(String recordId, String outcome, String reasons, String uid) {
    }

    static ImportJobView of(ImportJob j, List<ImportRecordOutcome> outcomes) {
        return new ImportJobView(j.id(), j.sourceName(), j.state().name(), j.total(), j.processed(), j.succeeded(),
                j.failed(), j.startedBy(), j.startedAt(), j.finishedAt(), outcomes.stream()
                .map(o -> new RecordOutcome(o.recordId(), o.outcome(), o.reasons(), o.subjectUid())).toList());
    }
}
