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

/**
 * One small probe per role family (A-8.5 three duties, D-8.2.3d internal applications), each guarded here and again
 * by the EJB it calls. Later issues replace these with the real operations of each duty. The auditor's probe
 * {@code GET /audit/ping} lives in {@code audit.AuditResource}: a root resource at {@code /audit} would hide a
 * method path {@code audit/ping} here (JAX-RS matches the most specific root class first).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class RoleProbeResource {

    @EJB
    CallerService callerService;

    @GET
    @Path("admin/ping")
    @RolesAllowed(FaceTrustRoles.SYSADMIN)
    public CallerView adminPing() {
        return callerService.asSysadmin();
    }

    @GET
    @Path("operator/ping")
    @RolesAllowed(FaceTrustRoles.OPERATOR)
    public CallerView operatorPing() {
        return callerService.asOperator();
    }

    @POST
    @Path("verify/ping")
    @RolesAllowed(FaceTrustRoles.VERIFY)
    public CallerView verifyPing() {
        return callerService.asVerifier();
    }
}
