package com.facetrust.interfaces.rest;

import com.facetrust.application.security.FaceTrustRoles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The API's root. MP-JWT validates the bearer token with Keycloak's keys; the keys' location, the issuer and the
 * audience come from MicroProfile Config ({@code mp.jwt.verify.*}, defaults in META-INF/microprofile-config.properties
 * for the Keycloak that {@code keycloak.sh} starts).
 */
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "facetrust")
@DeclareRoles({FaceTrustRoles.SYSADMIN, FaceTrustRoles.OPERATOR, FaceTrustRoles.AUDITOR,
        FaceTrustRoles.ENROL, FaceTrustRoles.VERIFY, FaceTrustRoles.IDENTIFY})
public class FaceTrustApiApplication extends Application {
}
