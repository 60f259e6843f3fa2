package com.facetrust.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.util.List;

/** How exceptions reaching the REST boundary become coded JSON failures (A-5.7.5.2): status, code, no internals. */
class FailureResponsesTest {

    private static final SecurityContext ANONYMOUS = securityContext(null);
    private static final SecurityContext OPERATOR = securityContext(() -> "operator");

    @Test
    void faceTrustExceptionWrappedByTheEjbContainerKeepsItsCodeStatusAndReasons() {
        FaceTrustException failure = new FaceTrustException(FailureCode.QUALITY_INSUFFICIENT, "Face too small.",
                List.of("face-size"));
        Response response = FailureResponses.toResponse(new EJBException(failure), OPERATOR);
        assertEquals(422, response.getStatus());
        FailureBody body = (FailureBody) response.getEntity();
        assertEquals("FT-2003", body.code());
        assertEquals("Face too small.", body.message(), "the code prefix of the log message is not repeated");
        assertEquals(List.of("face-size"), body.reasons());
    }

    /** A-5.7.5.1 e: a delay or block answers 429 with the seconds left as Retry-After, and only then. */
    @Test
    void attemptLimitFailuresCarryRetryAfter() {
        Response delayed = FailureResponses.toResponse(new EJBException(new FaceTrustException(
                FailureCode.TOO_MANY_ATTEMPTS, "wait", List.of("retry-after:8", "scope:subject"))), OPERATOR);
        assertEquals(429, delayed.getStatus());
        assertEquals("8", delayed.getHeaderString("Retry-After"));
        assertEquals("FT-5101", ((FailureBody) delayed.getEntity()).code());

        Response blocked = FailureResponses.toResponse(new FaceTrustException(FailureCode.ATTEMPTS_BLOCKED, "blocked",
                List.of("retry-after:1800", "scope:client")), OPERATOR);
        assertEquals(429, blocked.getStatus());
        assertEquals("1800", blocked.getHeaderString("Retry-After"));

        assertNull(FailureResponses.toResponse(new FaceTrustException(FailureCode.QUALITY_INSUFFICIENT, "q",
                List.of("retry-after:soon")), OPERATOR).getHeaderString("Retry-After"), "only whole seconds");
        assertNull(FailureResponses.toResponse(new FaceTrustException(FailureCode.ACCESS_BLOCKED, "b",
                List.of("blocklist:address")), OPERATOR).getHeaderString("Retry-After"));
    }

    @Test
    void roleRefusalIs403ForAKnownCallerAnd401ForAnAnonymousOne() {
        Response forbidden = FailureResponses.toResponse(new ForbiddenException(), OPERATOR);
        assertEquals(403, forbidden.getStatus());
        assertEquals("FT-3002", ((FailureBody) forbidden.getEntity()).code());
        assertNull(forbidden.getHeaderString("WWW-Authenticate"));

        Response anonymous = FailureResponses.toResponse(new ForbiddenException(), ANONYMOUS);
        assertEquals(401, anonymous.getStatus());
        assertEquals("FT-3001", ((FailureBody) anonymous.getEntity()).code());
        assertEquals("Bearer realm=\"facetrust\"", anonymous.getHeaderString("WWW-Authenticate"));
    }

    @Test
    void ejbAccessDenialIsTreatedLikeTheRoleCheck() {
        assertEquals(403, FailureResponses.toResponse(new EJBException(new EJBAccessException("no")), OPERATOR)
                .getStatus());
        assertEquals(401, FailureResponses.toResponse(new EJBAccessException("no"), ANONYMOUS).getStatus());
    }

    @Test
    void jaxRsRequestFaultsKeepTheirStatusWithACode() {
        Response notFound = FailureResponses.toResponse(new NotFoundException(), OPERATOR);
        assertEquals(404, notFound.getStatus());
        assertEquals("FT-3004", ((FailureBody) notFound.getEntity()).code());

        Response notAllowed = FailureResponses.toResponse(new NotAllowedException("GET"), OPERATOR);
        assertEquals(405, notAllowed.getStatus());
        assertEquals("FT-3003", ((FailureBody) notAllowed.getEntity()).code());
    }

    @Test
    void unexpectedFaultIs9999WithoutInternals() {
        Response response = FailureResponses.toResponse(
                new IllegalStateException("table FACE_SECRET is locked by 10.0.0.7"), OPERATOR);
        assertEquals(500, response.getStatus());
        FailureBody body = (FailureBody) response.getEntity();
        assertEquals("FT-9999", body.code());
        assertFalse(body.message().contains("FACE_SECRET"), body.message());
        assertTrue(body.message().contains("Incident "), "an incident id the caller can quote: " + body.message());
    }

    private static SecurityContext securityContext(Principal principal) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return principal == null ? null : "MP-JWT";
            }
        };
    }
}
