package com.facetrust.interfaces.rest;

import com.facetrust.domain.failure.FaceTrustException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A {@link FaceTrustException} answered with its code's status and a JSON {@link FailureBody}. */
@Provider
public class FaceTrustExceptionMapper implements ExceptionMapper<FaceTrustException> {
    @Context
    SecurityContext securityContext;

    @Override
    public Response toResponse(FaceTrustException exception) {
        return FailureResponses.toResponse(exception, securityContext);
    }
}
