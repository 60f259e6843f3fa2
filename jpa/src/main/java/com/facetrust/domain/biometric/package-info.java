/**
 * Entities of the biometric store (persistence unit {@code biometric}, datasource BiometricDS): protected face
 * templates keyed by a pseudonym, never images and never a name or UID (A-7.4b, B-5.4.2).
 */
package com.facetrust.domain.biometric;
