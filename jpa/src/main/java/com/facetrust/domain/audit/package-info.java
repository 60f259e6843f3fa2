/**
 * The append-only, hash-chained operation log. Its entity lives in the identity store's persistence unit.
 */
package com.facetrust.domain.audit;
