package com.facetrust.interfaces.rest;

import com.facetrust.application.security.RequestOrigin;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;

/**
 * Fills the request's {@link RequestOrigin} before anything else runs (A-8.6: the operation log names the source
 * address): the peer address of the connection (not a forwarded-for header, which any caller can write), the client
 * id of the calling application from the token's {@code azp} claim, and the device named in header
 * {@code X-FaceTrust-Device} (validated and trimmed by {@link RequestOrigin}). Pre-matching, so requests for unknown
 * paths carry their origin into the security events too.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class RequestOriginFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Inject
    RequestOrigin origin;

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext() == null ? null
                : request.getSecurityContext().getUserPrincipal();
        String clientId = null;
        if (principal instanceof JsonWebToken token) {
            Object azp = token.getClaim("azp");
            clientId = azp == null ? null : azp.toString();
        }
        origin.fill(servletRequest == null ? null : servletRequest.getRemoteAddr(), clientId,
                request.getHeaderString(RequestOrigin.DEVICE_HEADER));
    }
}
