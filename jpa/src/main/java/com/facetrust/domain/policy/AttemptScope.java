package com.facetrust.domain.policy;

/**
 * What an attempt counter counts for (A-5.7.5.1 e): the claimed subject (consecutive failures; only that subject's
 * success resets it), or the calling client, the capture device or the source address (failures within a window;
 * never reset by a success, so nobody resets a counter with their own face).
 */
public enum AttemptScope {
    SUBJECT, CLIENT, DEVICE, ADDRESS
}
