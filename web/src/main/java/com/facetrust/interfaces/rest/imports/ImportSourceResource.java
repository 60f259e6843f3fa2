package com.facetrust.interfaces.rest.imports;

import com.facetrust.application.imports.ImportSourceView;
import com.facetrust.application.imports.ImportSources;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code /api/v1/import-sources}: the registry of allowed import sources. A system administrator registers
 * {@code {"name", "publicKey" (PEM or base64 X.509; EC P-256 or RSA ≥ 2048), "dataKinds": ["PERSONAL_DATA",
 * "FACE_IMAGES"]}} and removes sources; operators and auditors may list them.
 */
@Path("/import-sources")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FaceTrustRoles.SYSADMIN)
public class ImportSourceResource {

    @EJB
    ImportSources sources;

    /** Body of a registration. */
    public record NewSource(String name, String publicKey, List<String> dataKinds) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples =
            @ExampleObject(name = "source", value = "{\"name\": \"hr-system\", \"publicKey\": \"-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE...\\n-----END PUBLIC KEY-----\", \"dataKinds\": [\"PERSONAL_DATA\", \"FACE_IMAGES\"]}")))
    public Response register(NewSource body) {
        if (body == null) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "body {name, publicKey, dataKinds} required");
        }
        ImportSourceView view = sources.register(body.name(), body.publicKey(), body.dataKinds());
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @GET
    @RolesAllowed({FaceTrustRoles.SYSADMIN, FaceTrustRoles.OPERATOR, FaceTrustRoles.AUDITOR})
    public List<ImportSourceView> list() {
        return sources.list();
    }

    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name) {
        sources.remove(name);
        return Response.noContent().build();
    }
}
