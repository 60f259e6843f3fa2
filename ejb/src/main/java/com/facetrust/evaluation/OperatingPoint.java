package com.facetrust.evaluation;

/**
 * FRR at a target FAR: the threshold that keeps the false-accept rate at or below the target, and what it costs
 * genuine users. Not measurable when the impostor pairs are too few to observe the target rate (rule of three:
 * fewer than 3/FAR pairs), in which case the threshold and FRR are NaN.
 *
 * @param targetFar       the FAR asked for
 * @param measurable      whether enough impostor pairs exist (at least 3/targetFar)
 * @param threshold       accept when score ≥ threshold
 * @param achievedFar     the FAR actually observed at that threshold (≤ target)
 * @param falseAccepts    impostor pairs accepted at that threshold
 * @param impostorPairs   impostor pairs behind the figure
 * @param frr             false-reject rate at that threshold
 * @param falseRejects    genuine pairs rejected
 * @param genuinePairs    genuine pairs behind the figure
 * @param frrInterval     95 % Clopper-Pearson interval of the FRR (genuine sampling only; the threshold is taken as
 *                        fixed)
 */
public record OperatingPoint(double targetFar, boolean measurable, double threshold, double achievedFar,
                             long falseAccepts, long impostorPairs, double frr, long falseRejects, long genuinePairs,
                             BinomialInterval frrInterval) {
}
