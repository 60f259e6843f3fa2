package com.facetrust.evaluation;

import java.nio.file.Path;

/**
 * One image of a labelled collection.
 *
 * @param identity the folder name it was filed under (the label, which may be wrong: see label-noise checks)
 * @param path     the file
 */
public record LabelledImage(String identity, Path path) {
}
