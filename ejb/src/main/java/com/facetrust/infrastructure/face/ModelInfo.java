package com.facetrust.infrastructure.face;

/** One entry of {@code models/manifest.json}: which file, its pinned SHA-256 and size, where it came from. */
public record ModelInfo(String file, String sha256, long size, String source, String declaredLicence,
                        String licenceNote, String purpose) {
}
