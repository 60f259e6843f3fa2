/**
 * Application services about the caller: who is calling and in which of FaceTrust's roles. The role names are the
 * Keycloak realm roles (A-8.5: three separated duties) and the client roles of internal applications
 * (D-8.2.3d: enrol, verify, identify); {@link com.facetrust.application.security.FaceTrustRoles} lists them once.
 */
package com.facetrust.application.security;
