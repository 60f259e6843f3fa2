package com.facetrust.application.deletion;

import com.facetrust.application.deletion.RetentionPolicy.DataKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Retention per data kind (A-7.4c): minimums, and audit entries outliving what they describe. */
class RetentionPolicyTest {

    private static Map<DataKind, Duration> configured(long faceDays, long auditDays) {
        Map<DataKind, Duration> m = new EnumMap<>(DataKind.class);
        m.put(DataKind.FACE_REFERENCES, Duration.ofDays(faceDays));
        m.put(DataKind.PERSONAL_DATA, Duration.ofDays(365));
        m.put(DataKind.CONSENT_RECORDS, Duration.ofDays(1095));
        m.put(DataKind.TOMBSTONES, Duration.ofDays(1095));
        m.put(DataKind.SECURITY_EVENTS, Duration.ofDays(365));
        m.put(DataKind.AUDIT_ENTRIES, Duration.ofDays(auditDays));
        return m;
    }

    @Test
    void defaultsStayAsConfigured() {
        Map<DataKind, Duration> r = RetentionPolicy.resolve(configured(1095, 2190));
        assertEquals(Duration.ofDays(1095), r.get(DataKind.FACE_REFERENCES));
        assertEquals(Duration.ofDays(2190), r.get(DataKind.AUDIT_ENTRIES));
    }

    @Test
    void auditEntriesAreRaisedToOutliveEveryOtherKind() {
        Map<DataKind, Duration> r = RetentionPolicy.resolve(configured(4000, 30));
        assertEquals(Duration.ofDays(4000), r.get(DataKind.AUDIT_ENTRIES));
    }

    @Test
    void belowTheMinimumBecomesTheMinimum() {
        Map<DataKind, Duration> r = RetentionPolicy.resolve(configured(0, 2190));
        assertEquals(RetentionPolicy.MINIMUM, r.get(DataKind.FACE_REFERENCES));
        assertEquals("facetrust.retention.face-references", DataKind.FACE_REFERENCES.configKey());
    }
}
