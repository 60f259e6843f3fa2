package com.facetrust.interfaces.rest;

import com.facetrust.application.security.CallerService;
import com.facetrust.application.security.CallerView;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /api/v1/me}: who the caller is, for any authenticated caller whatever its roles; and
 * {@code GET /api/v1/me/duties/{duty}}: whether the EJB container lets the caller into that duty's guarded method.
 */
@Path("/me")
@Tag(name = "caller")
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {

    @Inject
    JsonWebToken token;

    @EJB
    CallerService callerService;

    @Context
    SecurityContext securityContext;

    /**
     * The caller as seen from the token and from the EJB container.
     *
     * @param name      the principal name (the token's {@code upn})
     * @param groups    the token's {@code groups} claim (realm roles for people, client roles for applications)
     * @param issuer    who issued the token
     * @param expiresAt when the token expires
     * @param ejb       the same caller as the EJB container sees it (identity propagation)
     */
    public record Me(String name, List<String> groups, String issuer, Instant expiresAt, CallerView ejb) {
    }

    @GET
    @PermitAll
    @Operation(summary = "Who am I", description = "The caller as the token and the EJB container see it; any "
            + "authenticated caller, whatever its roles.")
    @APIResponse(responseCode = "200", description = "The caller", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Me.class),
            example = "{\"name\": \"operator\", \"groups\": [\"operator\"], \"issuer\": "
                    + "\"http://127.0.0.1:8180/realms/facetrust\", \"expiresAt\": \"2026-11-22T05:05:00Z\", "
                    + "\"ejb\": {\"name\": \"operator\", \"roles\": [\"operator\"], \"checkedBy\": \"whoAmI\"}}"))
    @APIResponse(responseCode = "401", description = "FT-3001: no valid bearer token", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, example = "{\"code\": \"FT-3001\", \"message\": "
                    + "\"A valid bearer token is required.\", \"reasons\": []}"))
    public Me me() {
        // @PermitAll lets the call in without roles; it must still carry a valid token.
        if (securityContext.getUserPrincipal() == null || token == null || token.getRawToken() == null) {
            throw new FaceTrustException(FailureCode.UNAUTHENTICATED, FailureCode.UNAUTHENTICATED.description());
        }
        Set<String> groups = token.getGroups() == null ? Set.of() : new TreeSet<>(token.getGroups());
        return new Me(token.getName(), List.copyOf(groups), token.getIssuer(),
                Instant.ofEpochSecond(token.getExpirationTime()), callerService.whoAmI());
    }

    /**
     * Calls the guarded {@link CallerService} method of one duty (sysadmin, operator, auditor). Deliberately not
     * guarded here: the EJB container alone decides (403 FT-3002 from its {@code EJBAccessException}), so the admin
     * console can show a person that the EJBs themselves, not only the REST layer, enforce their roles.
     * Still needs a valid token, like {@code /me}.
     */
    @GET
    @Path("duties/{duty}")
    @PermitAll
    public CallerView duty(@PathParam("duty") String duty) {
        if (securityContext.getUserPrincipal() == null) {
            throw new FaceTrustException(FailureCode.UNAUTHENTICATED, FailureCode.UNAUTHENTICATED.description());
        }
        return switch (duty) {
            case FaceTrustRoles.SYSADMIN -> callerService.asSysadmin();
            case FaceTrustRoles.OPERATOR -> callerService.asOperator();
            case FaceTrustRoles.AUDITOR -> callerService.asAuditor();
            default -> throw new FaceTrustException(FailureCode.NOT_FOUND, FailureCode.NOT_FOUND.description());
        };
    }
}
