/**
 * The recognition service (issue 5): 1:1 verification (A-5.7.1, D-5.3.2), 1:N identification and ID photo
 * vs live face (D-6.6 f, C-6.1.2). Each request is admitted by the {@link com.facetrust.domain.recognition.RecognitionPolicy}
 * (blocklists, attempt limits, risk step-up), judged live by the {@link com.facetrust.domain.liveness.LivenessGate}
 * as its channel requires, analysed by the face engine under a time bound, compared with integrity-checked
 * protected references (or searched in the {@link com.facetrust.domain.recognition.FaceGallery}), and answered with a
 * decision and a code — never a score (A-5.7.4 c) — signed as a compact JWS (A-5.7.4 a). Every request writes one
 * audit entry; images and embeddings are zeroed after use (A-5.7.1 f, A-5.7.2 c, C-6.1.2).
 */
package com.facetrust.application.recognition;
