package com.facetrust.domain.face;

/**
 * One quality criterion as judged (A-5.4, D-6.1.3): what was measured, the threshold it was held to, and whether
 * it passed. {@code enforced == false} means the value is reported but does not fail the judgement in this profile.
 *
 * @param name      stable identifier a client can map to a prompt, e.g. {@code "sharpness"}
 * @param measured  the measured value (unit in {@code unit})
 * @param threshold the limit from the quality profile
 * @param rule      how measured is compared with threshold
 */
public record QualityCheck(String name, double measured, double threshold, Rule rule, String unit, boolean passed,
                           boolean enforced, String advice) {

    /** How a measurement is held to its threshold. */
    public enum Rule {
        AT_LEAST, AT_MOST
    }

    public static QualityCheck of(String name, double measured, double threshold, Rule rule, String unit,
                                  boolean enforced, String advice) {
        boolean ok = Double.isFinite(measured)
                && (rule == Rule.AT_LEAST ? measured >= threshold : measured <= threshold);
        return new QualityCheck(name, measured, threshold, rule, unit, ok, enforced, advice);
    }

    /** A failed, enforced check: a reason to refuse the sample. */
    public boolean failsJudgement() {
        return enforced && !passed;
    }

    /** E.g. {@code "sharpness: 12.3 < 40.0 (laplacian variance) — hold still / focus"}. */
    public String describe() {
        String op = passed ? (rule == Rule.AT_LEAST ? ">=" : "<=") : (rule == Rule.AT_LEAST ? "<" : ">");
        return String.format(java.util.Locale.ROOT, "%s: %.3f %s %.3f %s%s", name, measured, op, threshold, unit,
                passed ? "" : " — " + advice);
    }
}
