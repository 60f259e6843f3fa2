package com.facetrust.domain.recognition;

/** How much liveness evidence a channel demands before any comparison (A-5.5, A-5.7.3; issue 6). */
public enum LivenessRequirement {
    /** No presentation-attack check (e.g. an attended counter where an operator watches the capture). */
    NONE,
    /** Single-frame passive check of the sample (A-5.5.2 a). */
    PASSIVE,
    /** A burst of frames: passive check fused with micro-motion / pulse cues (A-5.5.2 a). */
    MULTI_FRAME,
    /** A server-issued active or light-response challenge redeemed with its frames (A-5.5.1, A-5.5.2 b). */
    CHALLENGE
}
