package com.facetrust.interfaces.rest;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns any exception that reaches the REST boundary into a coded JSON failure. Shared by the exception mappers,
 * so an exception wrapped by the EJB container ({@code EJBException}) is answered like the one it wraps.
 */
final class FailureResponses {
    private static final Logger LOG = Logger.getLogger("com.facetrust.interfaces.rest");
    private static final String RETRY_AFTER = "retry-after:";

    private FailureResponses() {
    }

    static Response toResponse(Throwable thrown, SecurityContext securityContext) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof FaceTrustException failure) {
                if (failure.failureCode().httpStatus() >= 500) {
                    LOG.log(Level.WARNING, failure.getMessage(), failure);
                }
                return withRetryAfter(FailureBody.response(failure.failureCode(), clientMessage(failure),
                        failure.reasons()), failure.reasons());
            }
            if (t instanceof EJBAccessException) {
                return forbiddenOrUnauthenticated(securityContext);
            }
            if (t instanceof WebApplicationException wae) {
                return fromStatus(wae, securityContext);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return internalError(thrown);
    }

    /**
     * A failure that names a wait (reason {@code retry-after:<seconds>}, e.g. FT-5101/FT-5102 of the attempt limits,
     * A-5.7.5.1 e) also carries it as the {@code Retry-After} header (RFC 9110 §10.2.3), so clients back off
     * without parsing the body.
     */
    static Response withRetryAfter(Response response, List<String> reasons) {
        for (String reason : reasons) {
            if (reason.startsWith(RETRY_AFTER) && reason.substring(RETRY_AFTER.length()).matches("\\d{1,9}")) {
                return Response.fromResponse(response).header("Retry-After", reason.substring(RETRY_AFTER.length()))
                        .build();
            }
        }
        return response;
    }

    /** RESTEasy's role check throws 403 for anonymous callers too; an anonymous caller must get 401. */
    static Response forbiddenOrUnauthenticated(SecurityContext securityContext) {
        if (securityContext == null || securityContext.getUserPrincipal() == null) {
            return FailureBody.response(FailureCode.UNAUTHENTICATED, FailureCode.UNAUTHENTICATED.description());
        }
        return FailureBody.response(FailureCode.FORBIDDEN, FailureCode.FORBIDDEN.description());
    }

    private static Response fromStatus(WebApplicationException wae, SecurityContext securityContext) {
        int status = wae.getResponse() != null ? wae.getResponse().getStatus() : 500;
        return switch (status) {
            case 401 -> FailureBody.response(FailureCode.UNAUTHENTICATED, FailureCode.UNAUTHENTICATED.description());
            case 403 -> forbiddenOrUnauthenticated(securityContext);
            case 404 -> FailureBody.response(FailureCode.NOT_FOUND, FailureCode.NOT_FOUND.description());
            case 413 -> FailureBody.response(FailureCode.REQUEST_TOO_LARGE, FailureCode.REQUEST_TOO_LARGE.description());
            default -> status >= 400 && status < 500
                    ? FailureBody.response(FailureCode.BAD_REQUEST, status,
                            FailureCode.BAD_REQUEST.description() + " (HTTP " + status + ")", List.of())
                    : internalError(wae);
        };
    }

    /** The message of a FaceTrustException without the code prefix the exception adds for logs. */
    private static String clientMessage(FaceTrustException failure) {
        String prefix = failure.failureCode().code() + " ";
        String message = failure.getMessage();
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** Unexpected faults: logged with an incident id the caller can quote; the body carries no internals. */
    static Response internalError(Throwable thrown) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, thrown);
        return FailureBody.response(FailureCode.INTERNAL_ERROR,
                FailureCode.INTERNAL_ERROR.description() + " Incident " + incident + ".");
    }
}
