package com.facetrust.application.policy;

import java.io.Serializable;

/**
 * A blocklist entry to add (D-6.6 e), as the sysadmin sends it.
 *
 * @param kind      ADDRESS, DEVICE or TIME_WINDOW
 * @param value     CIDR range (v4 or v6; a bare address is a /32 or /128), device id, or {@code HH:mm-HH:mm}
 * @param zone      time zone of a time window [UTC]
 * @param channel   for a time window: the one channel it applies to (null: every channel)
 * @param reason    why (required; shown to operators and in the audit log)
 * @param expiresAt optional ISO-8601 instant after which the entry no longer applies
 */
public record NewBlocklistEntry(String kind, String value, String zone, String channel, String reason,
                                String expiresAt) implements Serializable {
}
