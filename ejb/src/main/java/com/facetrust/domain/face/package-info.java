/**
 * The face engine's service-provider interfaces and value objects (issue 3): what a decoder, detector,
 * landmarker, aligner, quality assessor and embedder do, and the results they hand back. Plain Java with no
 * container or native-library types, so the application layer and the evaluation tools depend on these and not on
 * ONNX Runtime or OpenCV; {@code com.facetrust.infrastructure.face} holds the one implementation of each.
 */
package com.facetrust.domain.face;
