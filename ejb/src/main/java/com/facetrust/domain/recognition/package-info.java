/**
 * Recognition (issue 5) vocabulary and the small interfaces its engines sit behind: the operations (1:1
 * verification, 1:N identification, ID photo vs live face), the per-channel policy that turns a target FAR into a
 * score threshold and a liveness requirement (A-4 f, D-6.3 e), the admission of an attempt (blocklists, attempt
 * limits, risk step-up; A-5.7.5.1 e, D-8.2.5 d, D-8.1.4 c/d) and the in-memory gallery searched for 1:N.
 * Plain Java: implementations live in {@code com.facetrust.application.policy} and
 * {@code com.facetrust.application.gallery}; {@code com.facetrust.application.recognition} uses them.
 * Scores never leave the server (A-5.7.4 c): they appear here only inside {@link GalleryCandidate}, which no
 * REST resource returns.
 */
package com.facetrust.domain.recognition;
