/**
 * Liveness challenges the server issued and has not yet redeemed, kept in the identity store when
 * {@code facetrust.liveness.challenge.store=database} so that every node of a cluster can redeem a challenge another
 * node issued — exactly once (A-4 b, A-5.5.1). The nonce is stored only as its SHA-256; rows live for the challenge's
 * lifetime (30 s by default) and are deleted on redemption or after expiry.
 */
package com.facetrust.domain.challenge;
