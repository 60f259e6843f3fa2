package com.facetrust.interfaces.rest.subjects;

import com.facetrust.application.enrolment.ConsentNotice;
import com.facetrust.application.enrolment.ConsentNoticeCatalogue;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.identity.ConsentPurpose;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code GET /api/v1/consent-notices[/{purpose}]}: the current, versioned consent notice of each purpose (A-7.1a,
 * D-8.2.2c). Public: a person must be able to read it before consenting, before any account exists.
 */
@Path("/consent-notices")
@Tag(name = "consent-notices")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class ConsentNoticeResource {

    @Inject
    ConsentNoticeCatalogue catalogue;

    @GET
    @Operation(summary = "The current consent notices", description = "Public: a person reads them before consenting (A-7.1a, D-8.2.2c).")
    public List<ConsentNotice> all() {
        return catalogue.all();
    }

    @GET
    @Path("{purpose}")
    @Operation(summary = "The current notice of one purpose")
    @APIResponse(responseCode = "404", description = "FT-3004: no such purpose")
    public ConsentNotice one(@PathParam("purpose") String purpose) {
        try {
            return catalogue.current(ConsentPurpose.valueOf(purpose));
        } catch (IllegalArgumentException e) {
            throw new FaceTrustException(FailureCode.NOT_FOUND, "no consent purpose " + purpose,
                    List.of("purposes:" + List.of(ConsentPurpose.values())));
        }
    }
}
