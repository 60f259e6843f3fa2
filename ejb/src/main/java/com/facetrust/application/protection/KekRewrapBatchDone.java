package com.facetrust.application.protection;

/**
 * CDI event: one batch of a KEK rotation has been re-wrapped and its progress committed; fired synchronously by
 * {@link KekRenewal} outside any transaction, before the next batch (and before the old KEK is retired). Lets
 * monitoring follow a long rotation without polling, and lets a system test act while a rotation is under way.
 *
 * @param processed keys looked at so far by this run's pass
 */
public record KekRewrapBatchDone(long runId, int targetVersion, long processed) {
}
