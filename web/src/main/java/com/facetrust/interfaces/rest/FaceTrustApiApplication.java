package com.facetrust.interfaces.rest;

import com.facetrust.application.security.FaceTrustRoles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The API's root. MP-JWT validates the bearer token with Keycloak's keys; the keys' location, the issuer and the
 * audience come from MicroProfile Config ({@code mp.jwt.verify.*}, defaults in META-INF/microprofile-config.properties
 * for the Keycloak that {@code keycloak.sh} starts).
 *
 * <p>The OpenAPI document is served by the server's microprofile-openapi subsystem at {@code /openapi} on the server
 * root (YAML; {@code ?format=JSON} for JSON), built from this definition and the annotations on the resources;
 * {@code mp.openapi.*} settings in META-INF/microprofile-config.properties (issue 5; docs/api.md).
 */
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "facetrust")
@DeclareRoles({FaceTrustRoles.SYSADMIN, FaceTrustRoles.OPERATOR, FaceTrustRoles.AUDITOR,
        FaceTrustRoles.ENROL, FaceTrustRoles.VERIFY, FaceTrustRoles.IDENTIFY})
@OpenAPIDefinition(
        info = @Info(title = "FaceTrust API", version = "1",
                description = "Self-hosted face recognition: subjects with consent, enrolment of protected face "
                        + "templates, 1:1 verification, 1:N identification and ID-photo comparison with liveness "
                        + "checks judged on the server. Answers carry decisions, never scores. Every failure is a "
                        + "JSON body {\"code\": \"FT-…\", \"message\": …, \"reasons\": […]} with the HTTP status of "
                        + "its code (docs/error-codes.md). Authenticate with a bearer token (JWT) from the "
                        + "FaceTrust Keycloak realm: people with realm roles sysadmin, operator, auditor; internal "
                        + "applications with client roles enrol, verify, identify on facetrust-api.",
                contact = @Contact(name = "FaceTrust operators"),
                license = @License(name = "Proprietary")),
        security = @SecurityRequirement(name = FaceTrustApiApplication.BEARER),
        tags = {
                @Tag(name = "caller", description = "Who the caller is"),
                @Tag(name = "probes", description = "Role probes, one per duty (A-8.5)"),
                @Tag(name = "subjects", description = "Subjects, consents, enrolment, deregistration (issue 4)"),
                @Tag(name = "consent-notices", description = "The current consent notices shown before consent"),
                @Tag(name = "recognition", description = "Verification 1:1, identification 1:N, ID photo vs live "
                        + "face; signed decisions (issue 5)"),
                @Tag(name = "liveness", description = "Liveness challenges and standalone checks (issue 6)"),
                @Tag(name = "policy", description = "Channels, attempt limits and blocklists"),
                @Tag(name = "audit", description = "Audit trail and security events"),
                @Tag(name = "administration", description = "Service-wide administration")
        })
@SecurityScheme(securitySchemeName = FaceTrustApiApplication.BEARER, type = SecuritySchemeType.HTTP,
        scheme = "bearer", bearerFormat = "JWT",
        description = "Access token of the Keycloak realm 'facetrust' with audience facetrust-api (client "
                + "credentials for applications, authorization code for people)")
public class FaceTrustApiApplication extends Application {
    /** Name of the bearer-token security scheme in the OpenAPI document. */
    public static final String BEARER = "bearer";
}
