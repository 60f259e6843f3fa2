package com.facetrust.domain.liveness;

/** The kinds of presentation-attack check, with the requirement each answers. */
public enum LivenessCheckKind {
    /** Liveness model on one frame (A-5.5.2 a, D-6.1.2). */
    PASSIVE_FRAME,
    /** Micro-changes over a burst of frames: pulse signal and non-rigid micro-motion (A-5.5.2 a). */
    PASSIVE_MULTI_FRAME,
    /** Server-issued ordered actions with a deadline. */
    ACTIVE_CHALLENGE,
    /** Server-issued colour sequence reflected by the face (A-5.5.2 b). */
    LIGHT_RESPONSE,
    /** Planar-face rejection from a depth map (D-6.1.2 e). */
    DEPTH
}
