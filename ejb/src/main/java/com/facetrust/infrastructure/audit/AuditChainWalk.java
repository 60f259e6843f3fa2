package com.facetrust.infrastructure.audit;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The whole verification run over some store of entries — the server's JPA store or a JDBC connection in the
 * command-line tool — so both check exactly the same things: the chain head is read first; entries up to it are
 * fed to {@link AuditChainVerifier} page by page (bounded memory); then rows beyond the head are looked for
 * (inserted behind the writer's back). Entries appended while walking have numbers above the head read at the start
 * and are left to the next run.
 */
public final class AuditChainWalk {

    /** The chain head: last sequence number (0 = empty) and its MAC (null when empty). */
    public record Head(long lastSequence, byte[] lastMac) {
    }

    /** Where the entries come from. */
    public interface ChainSource {
        /** The head row, or null when it is missing. */
        Head head();

        /** Up to {@code limit} entries with {@code after < seq <= upTo}, in sequence order. */
        List<ChainedEntry> page(long after, long upTo, int limit);

        /** The highest sequence number present, or null when there is none. */
        Long highestSequence();
    }

    private AuditChainWalk() {
    }

    public static ChainVerdict walk(ChainSource source, UnaryOperator<byte[]> mac, int pageSize) {
        Head head = source.head();
        if (head == null) {
            return ChainVerdict.broken(0, 1, "the audit chain head row is missing");
        }
        AuditChainVerifier verifier = new AuditChainVerifier(mac);
        long after = 0;
        boolean going = true;
        while (going) {
            List<ChainedEntry> page = source.page(after, head.lastSequence(), pageSize);
            for (ChainedEntry e : page) {
                if (!verifier.accept(e)) {
                    going = false;
                    break;
                }
                after = e.sequence();
            }
            if (page.size() < pageSize) {
                going = false;
            }
        }
        ChainVerdict verdict = verifier.finish(head.lastSequence(), head.lastMac());
        if (!verdict.intact()) {
            return verdict;
        }
        // Highest number first, then the head again: an append commits entry and head together, so a concurrent
        // append can only make the head larger than the highest number read before it.
        Long highest = source.highestSequence();
        Head now = source.head();
        if (highest != null && now != null && highest > now.lastSequence()) {
            return ChainVerdict.broken(verdict.entriesChecked(), now.lastSequence() + 1, "entries after the chain "
                    + "head " + now.lastSequence() + " were added outside the audit writer");
        }
        return verdict;
    }
}
