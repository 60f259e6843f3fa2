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

import java.util.List;

/**
 * {@code GET /api/v1/consent-notices[/{purpose}]}: the current, versioned consent notice of each purpose (A-7.1a,
 * D-8.2.2c). Public: a person must be able to read it before consenting, before any account exists.
 */
@Path("/consent-notices")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class ConsentNoticeResource {

    @Inject
    ConsentNoticeCatalogue catalogue;

    @GET
    public List<ConsentNotice> all() {
        return catalogue.all();
    }

    @GET
    @Path("{purpose}")
    public ConsentNotice one(@PathParam("purpose") String purpose) {
        try {
            return catalogue.current(ConsentPurpose.valueOf(purpose));
        } catch (IllegalArgumentException e) {
            throw new FaceTrustException(FailureCode.NOT_FOUND, "no consent purpose " + purpose,
                    List.of("purposes:" + List.of(ConsentPurpose.values())));
        }
    }
}
