package com.facetrust.interfaces.rest;

import com.facetrust.interfaces.rest.audit.SecurityEventResource;
import jakarta.ws.rs.container.ResourceInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The action an event records for a failed request (A-5.7.5.3): method and path TEMPLATE — never the concrete path,
 * which may carry a subject UID.
 */
class FailureEventsTest {

    private static ResourceInfo resource(Class<?> type, String method, Class<?>... parameters) throws Exception {
        Method m = type.getMethod(method, parameters);
        return new ResourceInfo() {
            @Override public Method getResourceMethod() { return m; }
            @Override public Class<?> getResourceClass() { return type; }
        };
    }

    @Test
    void theActionIsTheMethodAndThePathTemplate() throws Exception {
        assertEquals("POST /api/v1/events/{id}/acknowledgement", FailureEvents.action("POST",
                resource(SecurityEventResource.class, "acknowledge", String.class)));
        assertEquals("GET /api/v1/events", FailureEvents.action("GET", resource(SecurityEventResource.class, "list",
                String.class, String.class, String.class, String.class, String.class, String.class)));
        assertEquals("POST /api/v1/verify/ping", FailureEvents.action("POST",
                resource(RoleProbeResource.class, "verifyPing")), "root resource '/': no double slash");
        assertEquals("GET (no matching resource)", FailureEvents.action("GET", null));
    }
}
