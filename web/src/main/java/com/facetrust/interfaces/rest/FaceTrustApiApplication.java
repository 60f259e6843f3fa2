package com.facetrust.interfaces.rest;

import com.facetrust.application.security.FaceTrustRoles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.auth.LoginConfig;
import com.facetrust.interfaces.rest.recognition.RecognitionExamples;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
        components = @Components(responses = {
                @APIResponse(name = FaceTrustApiApplication.UNAUTHENTICATED, description = "FT-3001 no valid "
                        + "bearer token", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = FailureBody.class), examples = @ExampleObject(
                        name = "FT-3001", value = RecognitionExamples.UNAUTHENTICATED))),
                @APIResponse(name = FaceTrustApiApplication.RECOGNITION_FORBIDDEN, description = "FT-3002 role "
                        + "missing; FT-6001 presentation attack; FT-5104 blocked; FT-4011 one-time code not "
                        + "accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = FailureBody.class), examples = {
                        @ExampleObject(name = "FT-3002", value = RecognitionExamples.FORBIDDEN),
                        @ExampleObject(name = "FT-6001", value = RecognitionExamples.ATTACK)})),
                @APIResponse(name = FaceTrustApiApplication.BODY_TOO_LARGE, description = "FT-3005 body over the "
                        + "limit, refused before reading", content = @Content(
                        mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FailureBody.class),
                        examples = @ExampleObject(name = "FT-3005", value = RecognitionExamples.TOO_LARGE))),
                @APIResponse(name = FaceTrustApiApplication.SAMPLE_UNUSABLE, description = "FT-1xxx unusable "
                        + "image, FT-2xxx no face or quality (reasons name the failed checks), FT-600x liveness",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = FailureBody.class), examples = {
                        @ExampleObject(name = "FT-2003", value = RecognitionExamples.QUALITY),
                        @ExampleObject(name = "FT-2001", value = RecognitionExamples.NO_FACE)})),
                @APIResponse(name = FaceTrustApiApplication.TOO_MANY_ATTEMPTS, description = "FT-5101/5102 too "
                        + "many failed attempts (Retry-After)", content = @Content(
                        mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FailureBody.class),
                        examples = @ExampleObject(name = "FT-5101", value = RecognitionExamples.TOO_MANY))),
                @APIResponse(name = FaceTrustApiApplication.ENGINE_TIMEOUT, description = "FT-9002 the engine did "
                        + "not finish in the time bound", content = @Content(
                        mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FailureBody.class),
                        examples = @ExampleObject(name = "FT-9002", value = RecognitionExamples.TIMEOUT)))
        }),
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

    /*
     * Names of the shared failure responses under components/responses; a resource method refers to one with
     * {@code @APIResponse(responseCode = "401", ref = UNAUTHENTICATED)} (a plain name becomes
     * #/components/responses/<name>).
     */
    /** 401 FT-3001. */
    public static final String UNAUTHENTICATED = "Unauthenticated";
    /** 403 on a recognition call: FT-3002, FT-6001, FT-5104, FT-4011. */
    public static final String RECOGNITION_FORBIDDEN = "RecognitionForbidden";
    /** 413 FT-3005. */
    public static final String BODY_TOO_LARGE = "BodyTooLarge";
    /** 422 FT-1xxx, FT-2xxx, FT-600x. */
    public static final String SAMPLE_UNUSABLE = "SampleUnusable";
    /** 429 FT-5101/5102. */
    public static final String TOO_MANY_ATTEMPTS = "TooManyAttempts";
    /** 504 FT-9002. */
    public static final String ENGINE_TIMEOUT = "EngineTimeout";
}
