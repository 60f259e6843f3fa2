package com.facetrust.interfaces.rest;

import com.facetrust.application.security.CallerService;
import com.facetrust.application.security.CallerView;
import com.facetrust.application.security.FaceTrustRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One small probe per role family (A-8.5 three duties, D-8.2.3d internal applications), each guarded here and again
 * by the EJB it calls. Later issues replace these with the real operations of each duty. The auditor's probe
 * {@code GET /audit/ping} lives in {@code audit.AuditResource}: a root resource at {@code /audit} would hide a
 * method path {@code audit/ping} here (JAX-RS matches the most specific root class first).
 */
@Path("/")
@Tag(name = "probes")
@Produces(MediaType.APPLICATION_JSON)
public class RoleProbeResource {

    @EJB
    CallerService callerService;

    @GET
    @Path("admin/ping")
    @RolesAllowed(FaceTrustRoles.SYSADMIN)
    @Operation(summary = "Probe: may the caller act as sysadmin?")
    @APIResponse(responseCode = "200", description = "The caller as the EJB saw it", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"name\": \"sysadmin\", \"roles\": [\"sysadmin\"], \"checkedBy\": \"asSysadmin\"}"))
    @APIResponse(responseCode = "403", description = "FT-3002: role missing (WARNING)")
    public CallerView adminPing() {
        return callerService.asSysadmin();
    }

    @GET
    @Path("operator/ping")
    @RolesAllowed(FaceTrustRoles.OPERATOR)
    @Operation(summary = "Probe: may the caller act as operator?")
    @APIResponse(responseCode = "200", description = "The caller as the EJB saw it", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"name\": \"operator\", \"roles\": [\"operator\"], \"checkedBy\": \"asOperator\"}"))
    @APIResponse(responseCode = "403", description = "FT-3002: role missing (WARNING)")
    public CallerView operatorPing() {
        return callerService.asOperator();
    }

    @POST
    @Path("verify/ping")
    @RolesAllowed(FaceTrustRoles.VERIFY)
    @Operation(summary = "Probe: may the caller act as verify?")
    @APIResponse(responseCode = "200", description = "The caller as the EJB saw it", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"name\": \"service-account-facetrust-internal-app\", \"roles\": [\"verify\"], \"checkedBy\": \"asVerifier\"}"))
    @APIResponse(responseCode = "403", description = "FT-3002: role missing (WARNING)")
    public CallerView verifyPing() {
        return callerService.asVerifier();
    }
}
