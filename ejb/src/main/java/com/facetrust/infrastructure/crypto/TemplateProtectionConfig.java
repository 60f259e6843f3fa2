package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.protection.ProtectedTemplate;

/**
 * Settings of template protection for plain-Java use; the server fills it from MicroProfile Config
 * ({@code facetrust.protection.embedding-dimension}, {@code facetrust.protection.norm-tolerance}).
 *
 * @param dimension     embedding length the engine produces (512 for {@code fr_feature})
 * @param normTolerance largest accepted deviation of an embedding's L2 norm from 1; larger means the caller skipped
 *                      normalisation, and a silently rescaled template would hide that bug
 */
public record TemplateProtectionConfig(int dimension, double normTolerance) {
    public static final int DEFAULT_DIMENSION = 512;
    public static final double DEFAULT_NORM_TOLERANCE = 1e-3;

    public TemplateProtectionConfig {
        if (dimension < 1 || dimension > ProtectedTemplate.MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension out of range: " + dimension);
        }
        if (!(normTolerance > 0 && normTolerance < 0.5)) {
            throw new IllegalArgumentException("normTolerance out of range: " + normTolerance);
        }
    }

    public static TemplateProtectionConfig defaults() {
        return new TemplateProtectionConfig(DEFAULT_DIMENSION, DEFAULT_NORM_TOLERANCE);
    }
}
