package com.facetrust.domain.liveness;

/**
 * Actions of an active challenge. Directions are the subject's own: TURN_LEFT means the person turns to
 * their left, which in an unmirrored camera frame moves the nose towards the image's right edge.
 */
public enum ChallengeAction {
    BLINK, OPEN_MOUTH, TURN_LEFT, TURN_RIGHT, NOD, RAISE_HEAD
}
