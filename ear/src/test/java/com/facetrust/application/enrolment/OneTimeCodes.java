package com.facetrust.application.enrolment;

import com.facetrust.platform.InServerApi;

import java.io.ByteArrayOutputStream;

/**
 * The subject's authenticator app in the tests (RFC 6238 TOTP, SHA-1, 6 digits, 30 s steps): the secret from the
 * base32 text {@code POST /subjects/{uid}/second-factor} returns, and the code of a time step ({@link InServerApi#totp}).
 * Written from the RFC, independently of the server's {@code TimeBasedOneTimePassword}, so a test checks the server
 * against the standard.
 */
public final class OneTimeCodes {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private OneTimeCodes() {
    }

    /** The code of time step {@code step} (Unix seconds / 30). */
    public static String code(byte[] secret, long step) {
        return InServerApi.totp(secret, step);
    }

    /** The secret bytes of an RFC 4648 base32 text (no padding). */
    public static byte[] secret(String base32) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char ch : base32.toCharArray()) {
            buffer = (buffer << 5) | BASE32.indexOf(ch);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
