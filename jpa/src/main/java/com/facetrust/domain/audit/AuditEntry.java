package com.facetrust.domain.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the operation log (A-8.6, A-7.2d, D-8.2.5b), kept in the identity store. Append-only: every column
 * is {@code updatable = false} and there are no mutators, so JPA never issues an UPDATE for it; entries are
 * hash-chained ({@code prevHash}) and carry a keyed MAC so that editing, deleting or reordering rows directly in the
 * database is detected by verification. The sequence is assigned by the writer (not a database sequence) because the
 * chain needs a gap-free order. Writer: {@code application.audit.AuditTrail}; MAC and verification:
 * {@code infrastructure.audit.AuditChainCodec} / {@code AuditChainVerifier} (identity V6 added transaction id,
 * channel, decision and device).
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    public static final int HASH_BYTES = 32;

    @Id
    @Column(name = "seq", nullable = false, updatable = false)
    private long sequence;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    /** Who acted: user name or client id of an internal application. */
    @Column(name = "principal", length = 128, nullable = false, updatable = false)
    private String principal;

    @Column(name = "client_id", length = 128, updatable = false)
    private String clientId;

    @Column(name = "source_address", length = 64, updatable = false)
    private String sourceAddress;

    /** What was done, e.g. SUBJECT_CREATE, ENROL, VERIFY, DELETE. */
    @Column(name = "action", length = 64, nullable = false, updatable = false)
    private String action;

    /** What it was done to: a pseudonym or a masked identifier, never personal data in clear. */
    @Column(name = "target", length = 128, updatable = false)
    private String target;

    /** "OK" or the failure code (FT-xxxx). */
    @Column(name = "outcome", length = 16, nullable = false, updatable = false)
    private String outcome;

    /** Recognition transaction id (issue 5); null for other operations. */
    @Column(name = "transaction_id", length = 64, updatable = false)
    private String transactionId;

    /** Channel the request came through (counter, kiosk, web, ...), when the operation names one. */
    @Column(name = "channel", length = 32, updatable = false)
    private String channel;

    /** Recognition decision (MATCH, NO_MATCH, ...); never a score. */
    @Column(name = "decision", length = 32, updatable = false)
    private String decision;

    /** Capture device named by the calling application (header X-FaceTrust-Device), validated. */
    @Column(name = "device", length = 64, updatable = false)
    private String device;

    @Column(name = "prev_hash", length = HASH_BYTES, nullable = false, updatable = false)
    private byte[] prevHash;

    @Column(name = "mac", length = HASH_BYTES, nullable = false, updatable = false)
    private byte[] mac;

    protected AuditEntry() {
        // for JPA
    }

    public AuditEntry(long sequence, Instant recordedAt, String principal, String clientId, String sourceAddress,
                      String action, String target, String outcome, byte[] prevHash, byte[] mac) {
        this(sequence, recordedAt, principal, clientId, sourceAddress, null, action, target, outcome, null, null,
                null, prevHash, mac);
    }

    public AuditEntry(long sequence, Instant recordedAt, String principal, String clientId, String sourceAddress,
                      String device, String action, String target, String outcome, String transactionId,
                      String channel, String decision, byte[] prevHash, byte[] mac) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        this.sequence = sequence;
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.clientId = clientId;
        this.sourceAddress = sourceAddress;
        this.action = Objects.requireNonNull(action, "action");
        this.target = target;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.device = device;
        this.transactionId = transactionId;
        this.channel = channel;
        this.decision = decision;
        this.prevHash = checkedHash(prevHash, "prevHash");
        this.mac = checkedHash(mac, "mac");
    }

    private static byte[] checkedHash(byte[] value, String name) {
        if (value == null || value.length != HASH_BYTES) {
            throw new IllegalArgumentException(name + " must be " + HASH_BYTES + " bytes");
        }
        return value.clone();
    }

    public long sequence() { return sequence; }
    public Instant recordedAt() { return recordedAt; }
    public String principal() { return principal; }
    public String clientId() { return clientId; }
    public String sourceAddress() { return sourceAddress; }
    public String action() { return action; }
    public String target() { return target; }
    public String outcome() { return outcome; }
    public String transactionId() { return transactionId; }
    public String channel() { return channel; }
    public String decision() { return decision; }
    public String device() { return device; }
    public byte[] prevHash() { return prevHash.clone(); }
    public byte[] mac() { return mac.clone(); }
}
