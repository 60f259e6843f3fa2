/**
 * The face engine's implementations on ONNX Runtime and OpenCV (issue 3): safe decoding, detection, landmarks,
 * alignment, quality judgement, embedding, and {@link com.facetrust.infrastructure.face.FaceEngine}, the one
 * plain-Java entry point used by the EJB façade, the evaluation tools and the liveness service. No Jakarta types
 * here, so it runs the same in unit tests, command-line tools and the server.
 */
package com.facetrust.infrastructure.face;
