package com.facetrust.evaluation.pad;

import java.util.Objects;

/**
 * One scored presentation. {@code score} is the system's bona-fide score: higher means "more likely live"; a
 * presentation is accepted as bona fide when {@code score >= threshold}.
 *
 * @param itemId     what was presented (file or sequence folder), for the CSV and error listings
 * @param attackType {@code null} for a bona-fide (live) presentation, else the attack instrument species, e.g. "print"
 * @param score      bona-fide score
 */
public record PadScore(String itemId, String attackType, double score) {

    public PadScore {
        Objects.requireNonNull(itemId, "itemId");
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("NaN score for " + itemId);
        }
    }

    public static PadScore bonaFide(String itemId, double score) {
        return new PadScore(itemId, null, score);
    }

    public static PadScore attack(String itemId, String attackType, double score) {
        return new PadScore(itemId, Objects.requireNonNull(attackType, "attackType"), score);
    }

    public boolean isBonaFide() {
        return attackType == null;
    }
}
