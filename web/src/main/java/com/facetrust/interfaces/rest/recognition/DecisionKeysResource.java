package com.facetrust.interfaces.rest.recognition;

import com.facetrust.application.recognition.DecisionSigning;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.interfaces.rest.FailureBody;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * The public keys that check signed decisions (A-5.7.4 a), as a JWK Set: {@code GET /api/v1/decisions/keys} for any
 * authenticated caller; keys rotated away stay listed so older decisions still verify. {@code POST
 * /api/v1/decisions/keys/rotation} (sysadmin) adds a new signing key.
 */
@Path("/decisions/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recognition")
public class DecisionKeysResource {

    @EJB
    DecisionSigning signing;

    @Context
    SecurityContext security;

    @GET
    @PermitAll
    @Operation(summary = "The JWK Set of the decision-signing keys (ES256), newest first",
            description = "Check a decision's jws: take the header's kid, find that key here, verify the ES256 "
                    + "signature over header.payload, then compare the payload's fields (and aud = your client id) "
                    + "with the answer.")
    @APIResponse(responseCode = "200", description = "JWK Set", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "jwks", value = RecognitionExamples.JWKS)))
    @APIResponse(responseCode = "401", description = "FT-3001 no valid bearer token", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FailureBody.class),
            examples = @ExampleObject(name = "FT-3001", value = RecognitionExamples.UNAUTHENTICATED)))
    public Response keys() {
        if (security.getUserPrincipal() == null) {
            throw new FaceTrustException(FailureCode.UNAUTHENTICATED, FailureCode.UNAUTHENTICATED.description());
        }
        return Response.ok(signing.jwkSet(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("rotation")
    @RolesAllowed(FaceTrustRoles.SYSADMIN)
    @Operation(summary = "Rotate the decision-signing key (sysadmin)",
            description = "A new ES256 key signs from now on; the previous public keys stay in the JWK Set.")
    @APIResponse(responseCode = "201", description = "The new key id", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rotated",
            value = "{\"kid\": \"NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\"}")))
    @APIResponse(responseCode = "403", description = "FT-3002 not sysadmin", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FailureBody.class),
            examples = @ExampleObject(name = "FT-3002", value = RecognitionExamples.FORBIDDEN)))
    public Response rotate() {
        return Response.status(Response.Status.CREATED).entity(Map.of("kid", signing.rotate())).build();
    }
}
