package com.facetrust.evaluation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the engine made of one image: an embedding, or the coded reason there is none (failure to enrol).
 *
 * @param embedding       the main face's L2-normalised embedding, or null
 * @param failureCode     a {@code FailureCode} name when there is no embedding (e.g. NO_FACE), else null
 * @param qualityFailures names of the quality checks that failed (an image can have an embedding and still fail
 *                        the enrolment quality profile)
 * @param measures        measured quality values by check name (plus {@code detection_score}); kept so that
 *                        quality-aware fusion can be tried on cached runs
 * @param millis          processing time of this image (decode to embedding), NaN when it came from the cache
 */
public record ImageOutcome(float[] embedding, String failureCode, List<String> qualityFailures,
                           Map<String, Double> measures, double millis) {

    public ImageOutcome {
        qualityFailures = qualityFailures == null ? List.of() : List.copyOf(qualityFailures);
        measures = measures == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(measures));
        if (embedding == null && failureCode == null) {
            throw new IllegalArgumentException("an outcome without embedding needs a failure code");
        }
    }

    public static ImageOutcome failed(String failureCode, List<String> qualityFailures, double millis) {
        return new ImageOutcome(null, failureCode, qualityFailures, Map.of(), millis);
    }

    public boolean hasEmbedding() {
        return embedding != null;
    }

    /** A measured value, or NaN when the engine did not report it. */
    public double measure(String name) {
        Double v = measures.get(name);
        return v == null ? Double.NaN : v;
    }

    ImageOutcome withMillis(double ms) {
        return new ImageOutcome(embedding, failureCode, qualityFailures, measures, ms);
    }
}
