package com.facetrust.interfaces.rest;

import com.facetrust.domain.failure.FailureCode;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of this WAR (web.xml {@code <error-page>}): failures that happen before JAX-RS runs — above all the
 * MP-JWT mechanism rejecting a malformed, tampered, foreign-key or expired token with a bare 401 — get the same JSON
 * {@link FailureBody} as the API's own failures instead of the container's HTML page.
 */
@WebServlet(name = "FailurePage", urlPatterns = "/failure")
public class FailurePageServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger("com.facetrust.interfaces.rest");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer s ? s : 404;
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);

        FailureCode code;
        String message;
        if (status == 500 && error == null && carriesRejectedBearerToken(request)) {
            // The MP-JWT mechanism's answer to a token whose key it cannot resolve (see SigningKeySource).
            status = SigningKeySource.reachable() ? 401 : 503;
        }
        if (status == 503) {
            code = FailureCode.IDENTITY_PROVIDER_UNAVAILABLE;
            message = code.description();
            LOG.warning("Bearer token rejected because the realm's signing keys cannot be fetched");
        } else if (status == 401 || (error != null && isTokenRejection(error))) {
            code = FailureCode.UNAUTHENTICATED;
            message = "The bearer token is missing, malformed, expired or not issued by the trusted realm.";
            status = code.httpStatus();
        } else if (status == 403) {
            code = FailureCode.FORBIDDEN;
            message = code.description();
        } else if (status == 404) {
            code = FailureCode.NOT_FOUND;
            message = code.description();
        } else if (status == 413) {
            code = FailureCode.REQUEST_TOO_LARGE;
            message = code.description();
        } else if (status >= 400 && status < 500) {
            code = FailureCode.BAD_REQUEST;
            message = code.description() + " (HTTP " + status + ")";
        } else {
            code = FailureCode.INTERNAL_ERROR;
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure outside JAX-RS, incident " + incident, error);
            message = code.description() + " Incident " + incident + ".";
            status = code.httpStatus();
        }

        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (status == 401) {
            response.setHeader("WWW-Authenticate", FailureBody.BEARER_CHALLENGE);
        }
        try (Jsonb jsonb = JsonbBuilder.create()) {
            response.getWriter().write(jsonb.toJson(new FailureBody(code.code(), message, List.of())));
        } catch (Exception e) {
            throw new IOException("Could not write the failure body", e);
        }
    }

    /** The request brought a bearer token, yet nobody was authenticated: the token was refused. */
    private static boolean carriesRejectedBearerToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return request.getUserPrincipal() == null && authorization != null
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /**
     * A token the JWT layer could not verify sometimes surfaces as an exception (e.g. a key id the JWKS does not
     * know) instead of a 401; it is still the caller's fault, so it is a 401.
     */
    static boolean isTokenRejection(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("io.smallrye.jwt.") || name.startsWith("org.jose4j.")
                    || name.equals("java.security.InvalidKeyException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
