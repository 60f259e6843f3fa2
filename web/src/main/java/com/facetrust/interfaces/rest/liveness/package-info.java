/**
 * REST interface of liveness (issue 6): {@code POST /api/v1/liveness/challenges} issues an active or light-response
 * challenge, {@code POST /api/v1/liveness/checks} judges evidence on its own (e.g. before enrolment), and
 * {@link com.facetrust.interfaces.rest.liveness.LivenessEvidenceJson} reads the evidence fields ({@code image} |
 * {@code frames [{image, t}]}, {@code challengeNonce}, {@code depth}) the same way for every endpoint that takes them
 * (verification, identification, enrolment, checks).
 */
package com.facetrust.interfaces.rest.liveness;
