package com.facetrust.evaluation;

import java.nio.file.Path;

/**
 * An impostor pair (filed under two different identities) that looks like one and the same photo or person:
 * identical files, or a cosine at or above the label-noise threshold. In-the-wild collections carry such errors;
 * figures are reported with and without these pairs.
 *
 * @param sameFile the two files have the same SHA-256
 */
public record SuspectedLabelError(Path first, String firstIdentity, Path second, String secondIdentity,
                                  float score, boolean sameFile) {
}
