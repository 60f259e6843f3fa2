/**
 * Records about the keys of template protection kept in the identity store (never the keys themselves, which live
 * outside every database): the runs of domain-key rotation with their progress and outcome (issue 4,
 * "Renewable", A-7.2b) and the runs of key-encryption-key rotation (D-8.2.5g, A-9.2f).
 */
package com.facetrust.domain.keys;
