package com.facetrust.evaluation.pad;

import java.nio.file.Path;
import java.util.List;

/**
 * One presentation in an evaluation folder: a single image, or a sequence of frames (a sub-folder).
 *
 * @param id         path relative to the data root, e.g. {@code attack-print/0001_00_00_01_0.jpg}
 * @param attackType {@code null} for {@code live/}, else the part after {@code attack-}
 * @param subject    the subject number where file names begin with one (NUAA style {@code 0001_...}), else null;
 *                   used to keep subjects apart between calibration and test
 * @param frames     the image file, or the frames of the sequence in name order
 */
public record PadItem(String id, String attackType, String subject, List<Path> frames) {

    public PadItem {
        frames = List.copyOf(frames);
    }

    public boolean isBonaFide() {
        return attackType == null;
    }

    public boolean isSequence() {
        return frames.size() > 1;
    }
}
