package com.facetrust.interfaces.rest;

import com.facetrust.domain.failure.FaceTrustException;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A {@link FaceTrustException} answered with its code's status and a JSON {@link FailureBody}. */
@Provider
public class FaceTrustExceptionMapper implements ExceptionMapper<FaceTrustException> {
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
    public Response toResponse(FaceTrustException exception) {
        return FailureEvents.raiseFor(failureEvents, FailureResponses.toResponse(exception, securityContext),
                request == null ? null : request.getMethod(), resourceInfo, uriInfo);
    }
}
