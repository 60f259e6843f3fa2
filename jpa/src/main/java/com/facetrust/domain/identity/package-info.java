/**
 * Entities of the identity store (persistence unit {@code identity}, datasource IdentityDS): subjects with their
 * unpredictable UIDs and their consent records. Nothing here holds face data; the biometric store is separate
 * (B-5.4.2, C-6.1.5).
 */
package com.facetrust.domain.identity;
