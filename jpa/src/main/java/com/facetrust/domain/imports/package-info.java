/**
 * Batch import (A-5.6.3, D-6.2e) in the identity store: the registry of allowed sources with the public keys that
 * sign their manifests and the data kinds each may deliver, the import jobs with their progress, and the per-record
 * outcome report. No face image is ever stored here (or anywhere): images live in memory during the job only.
 */
package com.facetrust.domain.imports;
