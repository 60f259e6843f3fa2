package com.facetrust.interfaces.rest.subjects;

import com.facetrust.application.deletion.SubjectDeletion;
import com.facetrust.application.security.FaceTrustRoles;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/admin/service-stop} (system administrator): the service is stopped, so every subject's data
 * is scheduled for deletion (A-7.3d); the deletion sweep then deletes it within the grace period. Irreversible, so
 * the body must carry the confirmation phrase {@value #CONFIRMATION}.
 */
@Path("/admin/service-stop")
@Tag(name = "administration")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(FaceTrustRoles.SYSADMIN)
public class ServiceStopResource {
    static final String CONFIRMATION = "delete every subject";

    @EJB
    SubjectDeletion deletion;

    /** Body: {@code {"confirm": "delete every subject"}}. */
    public record Confirmation(String confirm) {
    }

    /** Answer: how many subjects were scheduled. */
    public record Scheduled(int subjects) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop the service: schedule every subject's deletion", description = "Irreversible (A-7.3d); the body must carry the confirmation phrase.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "confirmation", value = "{\"confirm\": \"delete every subject\"}")}))
    @APIResponse(responseCode = "202", description = "Subjects scheduled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"subjects\": 42}"))
    @APIResponse(responseCode = "400", description = "FT-3003: wrong or missing confirmation")
    public Response stop(Confirmation body) {
        if (body == null || !CONFIRMATION.equals(body.confirm())) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "confirm with {\"confirm\": \"" + CONFIRMATION
                    + "\"}");
        }
        return Response.accepted(new Scheduled(deletion.scheduleAllForServiceStop())).build();
    }
}
