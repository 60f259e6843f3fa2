package com.facetrust.infrastructure.audit;

import java.io.Serializable;

/**
 * The outcome of walking the audit chain: how many entries were checked, whether the chain is intact and, if not,
 * the first broken sequence number and why (edited, missing, reordered, truncated).
 */
public record ChainVerdict(long entriesChecked, boolean intact, Long firstBrokenSequence, String reason)
        implements Serializable {

    public static ChainVerdict intact(long entriesChecked) {
        return new ChainVerdict(entriesChecked, true, null, null);
    }

    public static ChainVerdict broken(long entriesChecked, long sequence, String reason) {
        return new ChainVerdict(entriesChecked, false, sequence, reason);
    }
}
