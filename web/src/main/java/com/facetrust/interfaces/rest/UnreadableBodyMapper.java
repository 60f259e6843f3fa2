package com.facetrust.interfaces.rest;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import jakarta.ws.rs.ProcessingException;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body the JSON binding cannot read (unknown enum constant, wrong type, broken JSON) is the caller's
 * mistake: 400 FT-3003, not the FT-9999 the catch-all mapper would give (RESTEasy reports it as a
 * {@link ProcessingException}). A FaceTrustException inside keeps its own code.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {
    @Context
    SecurityContext securityContext;

    @Context
    Request request;

    @Context
    ResourceInfo resourceInfo;

    @Context
    UriInfo uriInfo;

    @Inject
    FailureEvents failureEvents;

    @Override
    public Response toResponse(ProcessingException exception) {
        for (Throwable t = exception; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof FaceTrustException) {
                return FailureEvents.raiseFor(failureEvents, FailureResponses.toResponse(t, securityContext),
                request == null ? null : request.getMethod(), resourceInfo, uriInfo);
            }
        }
        return FailureBody.response(FailureCode.BAD_REQUEST,
                "The request body could not be read: it does not match the JSON this operation expects.");
    }
}
