package com.facetrust.interfaces.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.api.Test;

class ApiQueryTest {

    @Test
    void blankFiltersAreLeftOutAndValuesEncoded() {
        String relative = ApiQuery.path("audit/entries").with("action", "ENROL").with("outcome", " ")
                .with("subject", "a&b=c d").with("channel", null).with("page", 2).relative();
        assertEquals("audit/entries?action=ENROL&subject=a%26b%3Dc+d&page=2", relative);
    }

    @Test
    void aTypedSegmentCannotLeaveItsPlace() {
        String relative = ApiQuery.path("events/%s/acknowledgement", "../../admin/ping?x=1").relative();
        assertEquals("events/..%2F..%2Fadmin%2Fping%3Fx%3D1/acknowledgement", relative);
        URI resolved = URI.create("http://127.0.0.1:8080/facetrust/api/v1/").resolve(relative);
        assertEquals("/facetrust/api/v1/events/..%2F..%2Fadmin%2Fping%3Fx%3D1/acknowledgement", resolved.getRawPath());
    }

    @Test
    void onlyRelativePathsWithoutQuery() {
        assertThrows(IllegalArgumentException.class, () -> ApiQuery.path("/me"));
        assertThrows(IllegalArgumentException.class, () -> ApiQuery.path("me?x=1"));
    }

    @Test
    void defaultEndpointIsTheLoopbackListenerWithThePortOffset() {
        String previous = System.getProperty("jboss.socket.binding.port-offset");
        System.setProperty("jboss.socket.binding.port-offset", "10000");
        try {
            assertEquals("http://127.0.0.1:18080/facetrust/api/v1", ApiEndpoint.sameServer());
        } finally {
            if (previous == null) {
                System.clearProperty("jboss.socket.binding.port-offset");
            } else {
                System.setProperty("jboss.socket.binding.port-offset", previous);
            }
        }
    }
}
