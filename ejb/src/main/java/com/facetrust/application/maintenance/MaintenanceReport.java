package com.facetrust.application.maintenance;

import java.time.Instant;
import java.util.List;

/**
 * What one maintenance run found. Counts only — never personal data or face data.
 *
 * @param trigger         "timer" or "manual"
 * @param activeSubjects  subjects in status ACTIVE
 * @param pendingDeletion subjects waiting for deletion
 * @param overdueDeletion subjects whose deletion is past its due date (A-7.3: 15 days) — an alarm when non-zero
 * @param faceReferences  rows in the biometric store
 * @param schemaProblems  per store, what failed the schema self-check (A-9.2a); empty when both stores are intact
 */
public record MaintenanceReport(String trigger, Instant startedAt, Instant finishedAt, long activeSubjects,
                                long pendingDeletion, long overdueDeletion, long consentRecords, long faceReferences,
                                List<String> schemaProblems) {

    public MaintenanceReport {
        schemaProblems = List.copyOf(schemaProblems);
    }

    /** True when nothing needs an operator: schemas intact and no deletion overdue. */
    public boolean healthy() {
        return schemaProblems.isEmpty() && overdueDeletion == 0;
    }
}
