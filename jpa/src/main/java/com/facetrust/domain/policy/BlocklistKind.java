package com.facetrust.domain.policy;

/** What a blocklist entry refuses (D-6.6 e). */
public enum BlocklistKind {
    /** Source addresses in an IPv4 or IPv6 CIDR range, e.g. 203.0.113.0/24 or 2001:db8::/32. */
    ADDRESS,
    /** One capture device id, as callers declare it in the X-FaceTrust-Device header. */
    DEVICE,
    /** A daily time window HH:mm-HH:mm in a zone (may cross midnight), optionally for one channel only. */
    TIME_WINDOW
}
