package com.facetrust.evaluation.pad;

import com.facetrust.evaluation.BinomialInterval;

/**
 * An error rate with the counts behind it and its exact (Clopper-Pearson) 95 % confidence interval. Counts are kept
 * because a rate of 0 % out of 50 attacks and 0 % out of 5,000 mean very different things.
 *
 * @param errors number of wrong decisions
 * @param total  number of decisions
 */
public record ErrorRate(long errors, long total, double lower95, double upper95) {

    public ErrorRate {
        if (errors < 0 || total < 0 || errors > total) {
            throw new IllegalArgumentException("errors " + errors + " of " + total);
        }
    }

    public static ErrorRate of(long errors, long total) {
        BinomialInterval ci = BinomialInterval.clopperPearson(errors, total, 0.95);
        return new ErrorRate(errors, total, ci.lower(), ci.upper());
    }

    /** The rate, or NaN when there were no decisions at all. */
    public double rate() {
        return total == 0 ? Double.NaN : (double) errors / total;
    }

    /** e.g. {@code 1.20 % (7/583; 95 % CI 0.48–2.46 %)}. */
    public String describe() {
        if (total == 0) {
            return "n/a (0 samples)";
        }
        return String.format(java.util.Locale.ROOT, "%.2f %% (%d/%d; 95 %% CI %.2f–%.2f %%)",
                100 * rate(), errors, total, 100 * lower95, 100 * upper95);
    }
}
