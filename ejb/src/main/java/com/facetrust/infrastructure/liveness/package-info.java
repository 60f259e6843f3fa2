/**
 * Implementations of the presentation-attack checks of {@code com.facetrust.domain.liveness}: the single-frame
 * liveness model (ONNX Runtime), the multi-frame cues (pulse signal, non-rigid micro-motion), the active-challenge
 * action logic, the light-response correlation, depth planarity and the bounded single-use challenge store.
 * Plain Java with config records (the server maps MicroProfile Config keys onto them), so everything runs in unit
 * tests and the PAD evaluation command.
 */
package com.facetrust.infrastructure.liveness;
