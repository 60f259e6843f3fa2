package com.facetrust.interfaces.rest;

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
 * Everything else: a FaceTrustException or access denial wrapped by the EJB container is unwrapped and answered
 * with its own code; anything truly unexpected becomes FT-9999 without a stack trace (logged with an incident id).
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {
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
    public Response toResponse(Throwable exception) {
        return FailureEvents.raiseFor(failureEvents, FailureResponses.toResponse(exception, securityContext),
                request == null ? null : request.getMethod(), resourceInfo, uriInfo);
    }
}
