package com.facetrust.infrastructure.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One audit entry as the chain sees it: every column of {@code audit_entry}. Independent of JPA so the command-line
 * verifier can build it from a JDBC row.
 *
 * @param mac may be null while the entry is being built (before the MAC is computed)
 */
public record ChainedEntry(long sequence, Instant recordedAt, String principal, String clientId,
                           String sourceAddress, String device, String action, String target, String outcome,
                           String transactionId, String channel, String decision, byte[] prevHash, byte[] mac) {
    public static final int HASH_BYTES = 32;

    public ChainedEntry {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(prevHash, "prevHash");
        // The databases keep microseconds; the MAC must cover exactly what is stored and read back.
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
    }

    public ChainedEntry withMac(byte[] newMac) {
        return new ChainedEntry(sequence, recordedAt, principal, clientId, sourceAddress, device, action, target,
                outcome, transactionId, channel, decision, prevHash, newMac);
    }

    /** The chain's starting point: the first entry's previous hash is 32 zero bytes. */
    public static byte[] genesis() {
        return new byte[HASH_BYTES];
    }
}
