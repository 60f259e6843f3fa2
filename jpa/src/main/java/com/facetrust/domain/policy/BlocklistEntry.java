package com.facetrust.domain.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the sysadmin's recognition blocklist (D-6.6 e). {@code pattern} is the normalised CIDR, the device id
 * or the daily window {@code HH:mm-HH:mm}; {@code zone} applies to time windows; {@code channel} restricts a time
 * window to one channel (null: all). Entries are created and removed, never edited; {@code expiresAt} (optional)
 * ends an entry without removing it.
 */
@Entity
@Table(name = "blocklist_entry")
public class BlocklistEntry {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 16, nullable = false, updatable = false)
    private BlocklistKind kind;

    @Column(name = "pattern", length = 128, nullable = false, updatable = false)
    private String pattern;

    @Column(name = "zone", length = 64, updatable = false)
    private String zone;

    @Column(name = "channel", length = 32, updatable = false)
    private String channel;

    @Column(name = "reason", length = 256, nullable = false, updatable = false)
    private String reason;

    @Column(name = "created_by", length = 128, nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", updatable = false)
    private Instant expiresAt;

    protected BlocklistEntry() {
        // for JPA
    }

    public BlocklistEntry(String id, BlocklistKind kind, String pattern, String zone, String channel, String reason,
                          String createdBy, Instant createdAt, Instant expiresAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.zone = zone;
        this.channel = channel;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = expiresAt;
    }

    public String id() { return id; }
    public BlocklistKind kind() { return kind; }
    public String pattern() { return pattern; }
    public String zone() { return zone; }
    public String channel() { return channel; }
    public String reason() { return reason; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant expiresAt() { return expiresAt; }

    public boolean activeAt(Instant at) {
        return expiresAt == null || at.isBefore(expiresAt);
    }
}
