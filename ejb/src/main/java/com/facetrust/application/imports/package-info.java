/**
 * Batch import from declared sources (A-5.6.3, D-6.2e): the registry of allowed sources, the signed archive
 * (manifest.json + detached manifest.sig + images, read in memory under zip-bomb limits), per-record validation with
 * required consent evidence, each record written in its own XA transaction on the managed executor, progress and a
 * per-record outcome report, audited per record.
 */
package com.facetrust.application.imports;
