/**
 * Presentation-attack detection (liveness) SPI: the checks the server runs itself (A-4 b, A-5.5), their value
 * objects and the challenges it issues. A check turns measured evidence — frames analysed into
 * {@link com.facetrust.domain.liveness.FaceObservation}s, an optional depth map, an issued
 * {@link com.facetrust.domain.liveness.LivenessChallenge} — into a {@link com.facetrust.domain.liveness.LivenessJudgement}
 * listing every cue it measured against its threshold. A client's own verdict is never trusted as such.
 * Plain Java (no Jakarta), so the checks run in unit tests and in the evaluation command.
 */
package com.facetrust.domain.liveness;
