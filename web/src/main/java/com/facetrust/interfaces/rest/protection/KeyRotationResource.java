package com.facetrust.interfaces.rest.protection;

import com.facetrust.application.protection.DomainKeyRenewal;
import com.facetrust.application.protection.KeyRotationView;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * {@code /api/v1/protection/rotations}: a system administrator starts the rotation of the domain key (every template
 * re-issued, the old key destroyed; 202 + Location of the run; 409 FT-4605 while one runs); system administrators and
 * auditors follow the progress.
 */
@Path("/protection/rotations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({FaceTrustRoles.SYSADMIN, FaceTrustRoles.AUDITOR})
public class KeyRotationResource {

    @EJB
    DomainKeyRenewal renewal;

    @Context
    UriInfo uriInfo;

    @POST
    @RolesAllowed(FaceTrustRoles.SYSADMIN)
    public Response start() {
        KeyRotationView run = renewal.rotateNow();
        return Response.accepted(run).location(uriInfo.getAbsolutePathBuilder().path(Long.toString(run.id())).build())
                .build();
    }

    @GET
    public List<KeyRotationView> runs() {
        return renewal.runs();
    }

    @GET
    @Path("{id}")
    public KeyRotationView run(@PathParam("id") String id) {
        try {
            return renewal.run(Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw new FaceTrustException(FailureCode.NOT_FOUND, "no rotation " + id);
        }
    }
}
