/**
 * The REST interface ({@code /api/v1}): JAX-RS resources authenticated with MicroProfile JWT (Keycloak's tokens,
 * checked against its JWKS, D-8.1.4b "every interface call authenticates its caller"), roles enforced with
 * {@code @RolesAllowed}, and every failure answered as a JSON {@link com.facetrust.interfaces.rest.FailureBody}
 * with a code from {@link com.facetrust.domain.failure.FailureCode} (A-5.7.5.2) — never a bare 500.
 */
package com.facetrust.interfaces.rest;
