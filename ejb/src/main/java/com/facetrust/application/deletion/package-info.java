/**
 * Deletion of subjects (A-7.3, D-8.2.5g, A-5.6.2): the grounds that schedule it (consent withdrawn, storage period
 * ended, one year without use, deregistration, service stopped), the sweep run by the maintenance timer that deletes
 * every due subject for real — data key destroyed first (crypto-shredding), then the rows of both stores in one XA
 * transaction — leaving an anonymised tombstone, and the server clock a test can move to prove the 15-day rule.
 */
package com.facetrust.application.deletion;
