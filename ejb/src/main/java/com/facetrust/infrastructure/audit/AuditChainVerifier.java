package com.facetrust.infrastructure.audit;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Walks the audit chain in sequence order, one entry at a time (bounded memory: callers feed pages), recomputing
 * each MAC under the audit key (A-8.6, D-8.2.5b). It stops at the first break and says why:
 * <ul>
 *   <li>a sequence gap — an entry was deleted (or the rows renumbered);</li>
 *   <li>a MAC that does not match the row — a column was edited, or rows were swapped (the MAC covers the sequence);</li>
 *   <li>a previous-hash link that does not match the entry before — a row was deleted and the rest renumbered, or
 *       entries were reordered;</li>
 *   <li>at the end, the chain head disagreeing with the last entry — the tail was cut off (or rows were appended
 *       behind the writer's back).</li>
 * </ul>
 * Forging a consistent chain needs the MAC key, which lives in the master keystore, not in the database.
 */
public final class AuditChainVerifier {
    private final UnaryOperator<byte[]> mac;
    private long checked;
    private long lastSequence;
    private byte[] lastMac = ChainedEntry.genesis();
    private ChainVerdict broken;

    /** @param mac HMAC-SHA256 under the audit key, over {@link AuditChainCodec#canonical} */
    public AuditChainVerifier(UnaryOperator<byte[]> mac) {
        this.mac = Objects.requireNonNull(mac, "mac");
    }

    /** Checks the next entry; false once the chain is broken (further entries are ignored). */
    public boolean accept(ChainedEntry e) {
        if (broken != null) {
            return false;
        }
        long expected = lastSequence + 1;
        if (e.sequence() != expected) {
            return fail(expected, e.sequence() > expected
                    ? "entry " + expected + (e.sequence() == expected + 1 ? "" : ".." + (e.sequence() - 1))
                    + " missing (deleted)"
                    : "entry " + e.sequence() + " out of order");
        }
        checked++;
        byte[] recomputed = mac.apply(AuditChainCodec.canonical(e));
        if (e.mac() == null || !MessageDigest.isEqual(recomputed, e.mac())) {
            return fail(e.sequence(), "MAC does not match the entry (edited, or moved from another position)");
        }
        if (!MessageDigest.isEqual(lastMac, e.prevHash())) {
            return fail(e.sequence(), "previous-hash link does not match entry " + lastSequence
                    + " (an entry before was deleted or the entries were reordered)");
        }
        lastSequence = e.sequence();
        lastMac = e.mac().clone();
        return true;
    }

    /**
     * Compares the end of the walk with the chain head and gives the verdict.
     *
     * @param headSequence the head's last sequence number (0 for an empty chain)
     * @param headMac      the head's last MAC (null for an empty chain)
     */
    public ChainVerdict finish(long headSequence, byte[] headMac) {
        if (broken != null) {
            return broken;
        }
        if (headSequence > lastSequence) {
            return ChainVerdict.broken(checked, lastSequence + 1, "the chain head records " + headSequence
                    + " entries but the log ends at " + lastSequence + " (tail deleted)");
        }
        if (headSequence < lastSequence) {
            return ChainVerdict.broken(checked, headSequence + 1, "entries after the chain head "
                    + headSequence + " were added outside the audit writer");
        }
        byte[] expected = headSequence == 0 ? null : lastMac;
        if (headSequence > 0 && (headMac == null || !Arrays.equals(expected, headMac))) {
            return ChainVerdict.broken(checked, headSequence, "the chain head's MAC differs from entry "
                    + headSequence + " (edited)");
        }
        return ChainVerdict.intact(checked);
    }

    /** The sequence number of the last entry accepted (0 before the first). */
    public long lastSequence() {
        return lastSequence;
    }

    private boolean fail(long sequence, String reason) {
        broken = ChainVerdict.broken(checked, sequence, reason);
        return false;
    }
}
