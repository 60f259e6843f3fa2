package com.facetrust.domain.liveness;

import java.util.Locale;

/**
 * One measured signal of a check, with the threshold it was held against, so a judgement can be explained and
 * audited without keeping any image (A-5.7.3 d).
 *
 * @param name      stable identifier, e.g. {@code passive.liveProbability}, {@code motion.nonRigid}; names starting
 *                  with {@code info.} are reported measurements that take no part in the verdict
 * @param measured  the measured value
 * @param threshold the value it had to reach (for "at least" cues) or stay under (see {@code atLeast})
 * @param atLeast   true when {@code measured >= threshold} passes, false when {@code measured <= threshold} passes
 */
public record LivenessCue(String name, double measured, double threshold, boolean atLeast) {

    public boolean passed() {
        return atLeast ? measured >= threshold : measured <= threshold;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s=%.4f (%s %.4f) %s", name, measured, atLeast ? ">=" : "<=", threshold,
                passed() ? "pass" : "FAIL");
    }
}
