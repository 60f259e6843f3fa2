package com.facetrust.interfaces.rest.protection;

import com.facetrust.application.protection.KekRenewal;
import com.facetrust.application.protection.KekRotationView;
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
 * {@code /api/v1/protection/kek-rotations}: a system administrator starts the rotation of the key-encryption key
 * (every wrapped key re-wrapped under a new KEK version, the old KEK removed from the master keystore; 202 + Location
 * of the run; 409 FT-4607 while one runs); system administrators and auditors follow the progress.
 */
@Path("/protection/kek-rotations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({FaceTrustRoles.SYSADMIN, FaceTrustRoles.AUDITOR})
public class KekRotationResource {

    @EJB
    KekRenewal renewal;

    @Context
    UriInfo uriInfo;

    @POST
    @RolesAllowed(FaceTrustRoles.SYSADMIN)
    public Response start() {
        KekRotationView run = renewal.rotateNow();
        return Response.accepted(run).location(uriInfo.getAbsolutePathBuilder().path(Long.toString(run.id())).build())
                .build();
    }

    @GET
    public List<KekRotationView> runs() {
        return renewal.runs();
    }

    @GET
    @Path("{id}")
    public KekRotationView run(@PathParam("id") String id) {
        try {
            return renewal.run(Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw new FaceTrustException(FailureCode.NOT_FOUND, "no KEK rotation " + id);
        }
    }
}
