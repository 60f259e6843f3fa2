/**
 * Presentation-attack detection metrics in the terms of ISO/IEC 30107-3: APCER per attack type (the worst type
 * counts), BPCER, BPCER at fixed APCER, exact confidence intervals, DET curves (CSV and SVG) and the reader for
 * evaluation folders laid out as {@code live/} and {@code attack-<type>/}. Plain Java, so the evaluation command and
 * unit tests run outside the server.
 */
package com.facetrust.evaluation.pad;
