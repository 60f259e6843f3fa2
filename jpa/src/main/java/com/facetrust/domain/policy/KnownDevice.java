package com.facetrust.domain.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * A device a subject verified successfully from (D-8.1.4 c/d: a device never seen before is a risk signal).
 * {@code deviceKey} is a SHA-256 over the subject's UID and the device id: neither is stored in clear, and the same
 * device of two subjects gives two unrelated keys.
 */
@Entity
@Table(name = "known_device")
public class KnownDevice {

    @Id
    @Column(name = "device_key", length = 64, nullable = false, updatable = false)
    private String deviceKey;

    @Column(name = "first_seen_at", nullable = false, updatable = false)
    private Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    protected KnownDevice() {
        // for JPA
    }

    public KnownDevice(String deviceKey, Instant seenAt) {
        this.deviceKey = Objects.requireNonNull(deviceKey, "deviceKey");
        this.firstSeenAt = Objects.requireNonNull(seenAt, "seenAt");
        this.lastSeenAt = seenAt;
    }

    public String deviceKey() { return deviceKey; }
    public Instant firstSeenAt() { return firstSeenAt; }
    public Instant lastSeenAt() { return lastSeenAt; }

    public void seen(Instant at) {
        if (at.isAfter(lastSeenAt)) {
            lastSeenAt = at;
        }
    }
}
