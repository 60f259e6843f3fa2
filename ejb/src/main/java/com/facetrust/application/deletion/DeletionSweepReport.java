package com.facetrust.application.deletion;

import java.time.Instant;
import java.util.List;

/**
 * What one deletion sweep did. UIDs only for failures (random identifiers, no personal data), so an operator can
 * follow them up.
 *
 * @param scheduled      subjects newly scheduled by policy (storage period ended, inactivity, face consent expired)
 * @param deleted        subjects deleted (key destroyed, rows removed, tombstone left)
 * @param faceDataShredded subjects whose face data was deleted while they stay (face-verification consent ended)
 * @param retention      what the retention rules removed (A-7.4c)
 * @param failed         UIDs whose deletion failed this time (retried by the next sweep; an ALARM is logged)
 */
public record DeletionSweepReport(Instant startedAt, Instant finishedAt, int scheduled, int deleted,
                                  int faceDataShredded, RetentionReport retention, List<String> failed) {
    public DeletionSweepReport {
        failed = List.copyOf(failed);
    }
}
