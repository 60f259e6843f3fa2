package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.liveness.ChallengeAction;

/**
 * One occurrence of an action found in a face track: frame indices (into the track's observations) where it began,
 * peaked and ended, and how strong it was (degrees for head motion, ratio for eyes and mouth).
 */
public record ActionEvent(ChallengeAction action, int startIndex, int peakIndex, int endIndex, double magnitude) {
}
