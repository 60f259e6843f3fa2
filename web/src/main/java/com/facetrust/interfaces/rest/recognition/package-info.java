/**
 * REST endpoints of the recognition service (issue 5): {@code POST /verifications} (1:1), {@code POST
 * /identifications} (1:N), {@code POST /id-photo-comparisons} (ID photo vs live face), each taking JSON with base64
 * images or multipart/form-data, read in memory under a byte limit checked before reading; and {@code GET
 * /decisions/keys}, the JWK Set that checks the signed decisions (A-5.7.4 a); {@code GET /gallery/status}, the 1:N
 * gallery's load for operators. Answers carry a decision and a code, never a score (A-5.7.4 c).
 */
package com.facetrust.interfaces.rest.recognition;
