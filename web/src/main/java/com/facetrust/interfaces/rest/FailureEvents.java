package com.facetrust.interfaces.rest;

import com.facetrust.application.audit.SubjectTargets;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Raises the security event of a failure answered by the REST layer (A-5.7.5.3) — the ONE central place for events
 * of thrown failures, so nothing is raised twice: every failure whose code has level WARNING or ALARM. The action
 * is the HTTP method and the path TEMPLATE (never the concrete path, which may carry a UID); the target is the
 * pseudonym of the path's {@code uid} parameter; the detail is the status and the machine-readable reasons.
 * A fault while storing the event is logged and never changes the answer.
 */
@ApplicationScoped
public class FailureEvents {
    private static final Logger LOG = Logger.getLogger(FailureEvents.class.getName());
    private static final Map<String, FailureCode> BY_CODE = Arrays.stream(FailureCode.values())
            .collect(Collectors.toMap(FailureCode::code, Function.identity()));

    @EJB
    SecurityEventLog events;

    @Inject
    SubjectTargets targets;

    /** As {@link #raiseFor(Response, String, ResourceInfo, UriInfo)}; a mapper built outside CDI (unit tests) has none. */
    static Response raiseFor(FailureEvents events, Response response, String httpMethod, ResourceInfo resource,
                             UriInfo uri) {
        return events == null ? response : events.raiseFor(response, httpMethod, resource, uri);
    }

    /** Raises the event of {@code response}'s failure code, if it has one. Returns the response unchanged. */
    public Response raiseFor(Response response, String httpMethod, ResourceInfo resource, UriInfo uri) {
        try {
            if (!(response.getEntity() instanceof FailureBody body)) {
                return response;
            }
            FailureCode code = BY_CODE.get(body.code());
            if (code == null || code.eventLevel() == FailureCode.EventLevel.NONE) {
                return response;
            }
            String uid = uri == null ? null : uri.getPathParameters().getFirst("uid");
            String detail = "HTTP " + response.getStatus()
                    + (body.reasons().isEmpty() ? "" : " reasons " + String.join(",", body.reasons()));
            events.raise(code, action(httpMethod, resource), targets.of(uid), detail);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "ALARM a security event could not be stored", e);
        }
        return response;
    }

    static String action(String httpMethod, ResourceInfo resource) {
        String method = httpMethod == null ? "?" : httpMethod;
        Class<?> type = resource == null ? null : resource.getResourceClass();
        Method m = resource == null ? null : resource.getResourceMethod();
        if (type == null || m == null) {
            return method + " (no matching resource)";
        }
        StringBuilder template = new StringBuilder("/api/v1");
        Path classPath = type.getAnnotation(Path.class);
        if (classPath != null) {
            template.append(slash(classPath.value()));
        }
        Path methodPath = m.getAnnotation(Path.class);
        if (methodPath != null) {
            template.append(slash(methodPath.value()));
        }
        return method + " " + template;
    }

    /** A path segment as "/x" without a trailing slash; "" for the root path "/". */
    private static String slash(String p) {
        String trimmed = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        return trimmed.isEmpty() || trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }
}
