package com.facetrust.application.policy;

import java.io.Serializable;
import java.time.Instant;

/**
 * A blocklist entry as the REST API shows it to the sysadmin (D-6.6 e).
 *
 * @param value   the normalised CIDR range, the device id, or the daily window {@code HH:mm-HH:mm}
 * @param zone    time zone of a time window (null otherwise)
 * @param channel the channel a time window applies to (null: every channel)
 * @param active  false once {@code expiresAt} has passed
 */
public record BlocklistEntryView(String id, String kind, String value, String zone, String channel, String reason,
                                 String createdBy, Instant createdAt, Instant expiresAt, boolean active)
        implements Serializable {
}
