/**
 * Accuracy evaluation of the face engine (issue 3, "Evaluation tool"): readers for the data layouts it is run on
 * (a folder of {@code <identity>/<image>} and LFW {@code pairs.txt}), the verification metrics (FRR at fixed FAR
 * with thresholds and Clopper-Pearson intervals, EER, DET curve), the LFW 10-fold protocol, 1:N identification
 * (rank-1, FNIR at FPIR), failure to enrol, timing, label-noise checks, an embedding cache and the report writers.
 *
 * <p>Plain Java with no container dependency: it runs from the command line ({@code interfaces.cli}) and in unit
 * tests. The requirement figures it measures: A-6.1 (FTE), A-6.4 (FRR at FAR 0.1 %), D-7.1 (FRR at FAR 1e-5).
 */
package com.facetrust.evaluation;
