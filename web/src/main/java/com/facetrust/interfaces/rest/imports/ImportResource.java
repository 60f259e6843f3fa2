package com.facetrust.interfaces.rest.imports;

import com.facetrust.interfaces.rest.RequestImages;
import com.facetrust.application.imports.BatchImport;
import com.facetrust.application.imports.ImportJobView;
import com.facetrust.application.imports.ImportSettings;
import com.facetrust.application.security.FaceTrustRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;

/**
 * {@code POST /api/v1/imports}: a signed import archive (ZIP: {@code manifest.json}, detached {@code manifest.sig},
 * images) as the body ({@code application/zip} or {@code application/octet-stream}), at most
 * {@code facetrust.import.max-archive-bytes}, read into memory only; 202 + Location with the job. Whole-import
 * refusals: FT-4701 unknown source, FT-4702 bad signature, FT-4703 archive refused (zip bomb, not a ZIP),
 * FT-4704 manifest invalid. {@code GET /api/v1/imports/{id}}: progress and the per-record outcome report.
 */
@Path("/imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.ENROL})
public class ImportResource {

    @EJB
    BatchImport imports;

    @Inject
    ImportSettings settings;

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @RequestBody(required = true, description = "A signed import archive: ZIP with manifest.json, its detached "
            + "signature manifest.sig by a registered source, and the images the manifest names",
            content = @Content(mediaType = "application/zip", example = "<ZIP bytes: manifest.json, manifest.sig, "
                    + "images/0001.jpg, ...>"))
    public Response start(InputStream body, @Context HttpHeaders headers) {
        byte[] zip = RequestImages.readBounded(body, headers.getLength(), settings.maxArchiveBytes());
        ImportJobView job = imports.start(zip);
        return Response.accepted(job).location(uriInfo.getAbsolutePathBuilder().path(job.id()).build()).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({FaceTrustRoles.OPERATOR, FaceTrustRoles.ENROL, FaceTrustRoles.AUDITOR})
    public ImportJobView job(@PathParam("id") String id) {
        return imports.job(id);
    }
}
