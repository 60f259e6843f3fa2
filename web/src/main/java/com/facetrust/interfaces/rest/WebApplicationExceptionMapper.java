package com.facetrust.interfaces.rest;

import jakarta.ws.rs.WebApplicationException;
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
 * JAX-RS's own failures (unknown path, wrong method, the role check's 403) as coded JSON. The role check throws
 * 403 even when no token was sent; that becomes 401 FT-3001 here.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
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
    public Response toResponse(WebApplicationException exception) {
        return FailureEvents.raiseFor(failureEvents, FailureResponses.toResponse(exception, securityContext),
                request == null ? null : request.getMethod(), resourceInfo, uriInfo);
    }
}
