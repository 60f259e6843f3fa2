/**
 * How the console reaches the EJBs with the logged-in person's identity: it calls FaceTrust's REST API with that
 * person's own Keycloak access token (bearer propagation). The API checks the token exactly as for any caller
 * (signature, issuer, audience {@code facetrust-api}, expiry) and the EJBs behind it see the person and their realm
 * roles, so {@code @RolesAllowed} is enforced by the EJB container for console users too. Why this and not an
 * Elytron trust between the console's and the EAR's virtual security domains: docs/architecture.md, "Identity
 * propagation from the console".
 */
package com.facetrust.interfaces.console.api;
