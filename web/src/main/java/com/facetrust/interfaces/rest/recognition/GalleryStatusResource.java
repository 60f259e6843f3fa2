package com.facetrust.interfaces.rest.recognition;

import com.facetrust.application.gallery.FaceGalleryService;
import com.facetrust.application.security.FaceTrustRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/gallery/status}: where the 1:N gallery's load stands, for operators and system administrators
 * (issue 5 start-up time): LOADING with rows done of the store's rows and the rate while the start-up load runs
 * (identification answers FT-5006 meanwhile), READY with the last load's counts, or UNAVAILABLE with the reason.
 * Counts only — no subject, no template.
 */
@Path("/gallery/status")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.SYSADMIN})
public class GalleryStatusResource {

    @EJB
    FaceGalleryService gallery;

    @GET
    public FaceGalleryService.LoadStatus status() {
        return gallery.loadStatus();
    }
}
