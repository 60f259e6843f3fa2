package com.facetrust.application.policy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CIDR matching for blocklists (D-6.6 e) and usual networks (D-8.1.4 c), IPv4 and IPv6. */
class AddressRangeTest {

    @Test
    void ipv4RangesMatchAtTheirBoundaries() {
        AddressRange r = AddressRange.parse("192.168.16.0/20");
        assertTrue(r.contains("192.168.16.0"));
        assertTrue(r.contains("192.168.31.255"));
        assertFalse(r.contains("192.168.32.0"));
        assertFalse(r.contains("192.168.15.255"));
        assertTrue(AddressRange.parse("0.0.0.0/0").contains("8.8.8.8"));
        assertTrue(AddressRange.parse("203.0.113.7").contains("203.0.113.7"), "a bare address is one host");
        assertFalse(AddressRange.parse("203.0.113.7").contains("203.0.113.8"));
    }

    @Test
    void hostBitsAreClearedAndTheTextNormalised() {
        assertEquals("10.0.0.0/8", AddressRange.parse("10.1.2.3/8").toString());
        assertEquals(AddressRange.parse("10.0.0.0/8"), AddressRange.parse(" 10.9.9.9/8 "));
        assertEquals("2001:db8:0:0:0:0:0:0/32", AddressRange.parse("2001:DB8::1/32").toString());
    }

    @Test
    void ipv6RangesMatchAndNeverMatchIpv4() {
        AddressRange ula = AddressRange.parse("fc00::/7");
        assertTrue(ula.contains("fd12:3456:789a::1"));
        assertTrue(ula.contains("fc00::"));
        assertFalse(ula.contains("fe80::1"));
        assertFalse(ula.contains("10.0.0.1"));
        assertTrue(AddressRange.parse("::1/128").contains("0:0:0:0:0:0:0:1"), "every spelling of ::1");
        assertTrue(AddressRange.parse("::1/128").contains("[::1]"));
        assertTrue(AddressRange.parse("fe80::/10").contains("fe80::1%eth0"), "zone id ignored");
        assertFalse(AddressRange.parse("2001:db8::/32").contains("2001:db9::1"));
    }

    @Test
    void ipv4MappedIpv6IsItsIpv4Address() {
        assertTrue(AddressRange.parse("10.0.0.0/8").contains("::ffff:10.1.2.3"));
    }

    @Test
    void malformedRangesAndHostNamesAreRefusedNotResolved() {
        for (String bad : new String[]{"", "10.0.0.0/33", "::/129", "10.0.0/8", "256.1.1.1", "10.0.0.0/-1",
                "10.0.0.0/8/8", "localhost", "example.org/24", "10.0.0.0/x", "1:2:3:4:5:6:7:8:9"}) {
            assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(bad), bad);
        }
        AddressRange any = AddressRange.parse("0.0.0.0/0");
        assertFalse(any.contains("localhost"), "a host name never matches (and is never looked up)");
        assertFalse(any.contains((String) null));
    }
}
