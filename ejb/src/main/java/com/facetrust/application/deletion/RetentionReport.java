package com.facetrust.application.deletion;

/**
 * What one retention run removed (A-7.4c), counts only.
 *
 * @param faceReferences  references older than their retention, deleted
 * @param personalData    subjects whose name and contact were removed after long non-use
 * @param consentRecords  ended consent records past their evidence period, deleted
 * @param tombstones      tombstones (with their status history) past their retention, deleted
 * @param securityEvents  security events past their retention, deleted (unacknowledged alarms are kept)
 */
public record RetentionReport(int faceReferences, int personalData, int consentRecords, int tombstones,
                              int securityEvents) {
    public int total() {
        return faceReferences + personalData + consentRecords + tombstones + securityEvents;
    }
}
