package com.facetrust.domain.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Optional;

/**
 * The single row that says where the audit chain ends (identity V6): the last sequence number and its MAC. The
 * writer locks it pessimistically before appending, which serialises appends across every node sharing the
 * database and makes sequence numbers gap-free; verification compares it with the last entry, so deleting the tail
 * of the log is detected too (A-8.6: the log cannot be altered or deleted unnoticed).
 */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHead {
    public static final int ID = 1;

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private int id;

    @Column(name = "last_seq", nullable = false)
    private long lastSequence;

    /** Null only at genesis (no entry yet). */
    @Column(name = "last_mac", length = AuditEntry.HASH_BYTES)
    private byte[] lastMac;

    protected AuditChainHead() {
        // for JPA; the row is inserted by the V6 migration
    }

    public long lastSequence() { return lastSequence; }

    public Optional<byte[]> lastMac() { return Optional.ofNullable(lastMac).map(byte[]::clone); }

    /** Moves the head to the entry just appended. */
    public void advance(long sequence, byte[] mac) {
        if (sequence != lastSequence + 1) {
            throw new IllegalArgumentException("the chain grows by one: expected " + (lastSequence + 1));
        }
        if (mac == null || mac.length != AuditEntry.HASH_BYTES) {
            throw new IllegalArgumentException("mac must be " + AuditEntry.HASH_BYTES + " bytes");
        }
        this.lastSequence = sequence;
        this.lastMac = mac.clone();
    }
}
