package com.facetrust.application.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the audit log records as the request's origin is validated, not taken as sent. */
class RequestOriginTest {

    @Test
    void theDeviceHeaderIsTrimmedAndDroppedWhenItIsNotAPlainIdentifier() {
        assertEquals("kiosk-7", RequestOrigin.validDevice("  kiosk-7 \t"));
        assertEquals("counter 3/cam:1", RequestOrigin.validDevice("counter 3/cam:1"));
        assertNull(RequestOrigin.validDevice(null));
        assertNull(RequestOrigin.validDevice("   "));
        assertNull(RequestOrigin.validDevice("kiosk\nALARM forged log line"));
        assertNull(RequestOrigin.validDevice("<script>"));
        assertNull(RequestOrigin.validDevice("x".repeat(RequestOrigin.DEVICE_MAX + 1)));
        assertEquals("x".repeat(RequestOrigin.DEVICE_MAX), RequestOrigin.validDevice("x".repeat(RequestOrigin.DEVICE_MAX)));
    }

    @Test
    void addressAndClientAreKeptOnlyWhenPlausible() {
        RequestOrigin origin = new RequestOrigin();
        origin.fill("127.0.0.1", " facetrust-cli ", "kiosk-7");
        assertEquals("127.0.0.1", origin.sourceAddress());
        assertEquals("facetrust-cli", origin.clientId());
        assertEquals("kiosk-7", origin.device());
        origin.fill("0:0:0:0:0:0:0:1", null, null);
        assertEquals("0:0:0:0:0:0:0:1", origin.sourceAddress());
        assertNull(origin.clientId());
        origin.fill("10.0.0.1\nforged", "", "bad\u0000device");
        assertNull(origin.sourceAddress());
        assertNull(origin.clientId());
        assertNull(origin.device());
    }
}
