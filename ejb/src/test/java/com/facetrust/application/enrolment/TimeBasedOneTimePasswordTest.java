package com.facetrust.application.enrolment;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6238 appendix B vectors (SHA-1 seed "12345678901234567890"), truncated to 6 digits as apps show them. */
class TimeBasedOneTimePasswordTest {
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238Vectors() {
        // 8-digit values from the RFC: 94287082, 07081804, 14050471, 89005924, 69279037, 65353130
        long[] times = {59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L};
        String[] codes = {"287082", "081804", "050471", "005924", "279037", "353130"};
        for (int i = 0; i < times.length; i++) {
            assertEquals(codes[i], TimeBasedOneTimePassword.code(SEED, times[i] / 30), "T=" + times[i]);
        }
    }

    @Test
    void acceptsOneStepOfDriftOnly() {
        Instant now = Instant.ofEpochSecond(1234567890L);
        long step = now.getEpochSecond() / 30;
        for (long s = step - 1; s <= step + 1; s++) {
            assertEquals(s, TimeBasedOneTimePassword.matchingStep(SEED, TimeBasedOneTimePassword.code(SEED, s), now)
                    .orElseThrow());
        }
        assertTrue(TimeBasedOneTimePassword.matchingStep(SEED, TimeBasedOneTimePassword.code(SEED, step + 2), now)
                .isEmpty());
        assertTrue(TimeBasedOneTimePassword.matchingStep(SEED, "12345", now).isEmpty());
        assertTrue(TimeBasedOneTimePassword.matchingStep(SEED, null, now).isEmpty());
    }

    @Test
    void base32AsAuthenticatorAppsReadIt() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", TimeBasedOneTimePassword.base32(SEED));
    }
}
