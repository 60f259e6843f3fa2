package com.facetrust.infrastructure.gallery;

/**
 * How a search scans one key version's templates (issue 5: exact first, then fast).
 *
 * <p>Up to {@code exactScanLimit} templates every template is scored with its int8 code, and the error bound of
 * that code decides which ones are re-ranked with the exact floats: the result is provably the brute-force float
 * cosine result. Above the limit a sign-sketch prefilter (512-bit Hamming distance) first keeps, per scan thread,
 * the nearest {@code sketchFraction} of the templates (at least {@code sketchMinimum} in all); only those are scored
 * as above. The prefilter is the one place a search can miss: a true match whose sketch is farther from the probe
 * than the kept share (see docs/performance.md, "1:N gallery", for the measured recall).
 *
 * @param exactScanLimit    templates per key version up to which every template is int8-scored (exact result)
 * @param sketchFraction    share of templates kept by the sketch prefilter above the limit (0..1]
 * @param sketchMinimum     at least this many templates kept by the prefilter
 * @param threads           scan threads per search (the caller's thread is one of them)
 * @param parallelThreshold below this many templates a search runs in the caller's thread only
 */
public record SearchSettings(int exactScanLimit, double sketchFraction, int sketchMinimum, int threads,
                             int parallelThreshold) {

    public static final int DEFAULT_EXACT_SCAN_LIMIT = 200_000;
    public static final double DEFAULT_SKETCH_FRACTION = 0.05;
    public static final int DEFAULT_SKETCH_MINIMUM = 4_096;
    public static final int DEFAULT_PARALLEL_THRESHOLD = 16_384;

    public SearchSettings {
        if (exactScanLimit < 0 || sketchMinimum < 1 || threads < 1 || parallelThreshold < 0
                || !(sketchFraction > 0 && sketchFraction <= 1)) {
            throw new IllegalArgumentException("invalid gallery search settings");
        }
    }

    /** The defaults, with one scan thread per available processor. */
    public static SearchSettings defaults() {
        return new SearchSettings(DEFAULT_EXACT_SCAN_LIMIT, DEFAULT_SKETCH_FRACTION, DEFAULT_SKETCH_MINIMUM,
                Runtime.getRuntime().availableProcessors(), DEFAULT_PARALLEL_THRESHOLD);
    }

    /** Always the exact path, whatever the size (for tests and for deployments that prefer certainty to speed). */
    public SearchSettings exactOnly() {
        return new SearchSettings(Integer.MAX_VALUE, sketchFraction, sketchMinimum, threads, parallelThreshold);
    }

    public SearchSettings withThreads(int scanThreads) {
        return new SearchSettings(exactScanLimit, sketchFraction, sketchMinimum, scanThreads, parallelThreshold);
    }

    public SearchSettings withExactScanLimit(int limit) {
        return new SearchSettings(limit, sketchFraction, sketchMinimum, threads, parallelThreshold);
    }

    public SearchSettings withSketch(double fraction, int minimum) {
        return new SearchSettings(exactScanLimit, fraction, minimum, threads, parallelThreshold);
    }
}
