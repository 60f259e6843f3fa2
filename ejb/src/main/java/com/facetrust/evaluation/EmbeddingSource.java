package com.facetrust.evaluation;

/**
 * Turns image bytes into an {@link ImageOutcome}: the face engine in production, anything in tests. Called from one
 * thread at a time by the evaluation (so per-image times are not distorted by contention).
 */
public interface EmbeddingSource extends AutoCloseable {

    /**
     * Identifies the engine, its models and every option that changes embeddings (flip fusion, alignment, ...):
     * part of the embedding cache key, so a changed engine never reuses stale embeddings.
     */
    String version();

    ImageOutcome process(byte[] image);

    @Override
    default void close() {
    }
}
