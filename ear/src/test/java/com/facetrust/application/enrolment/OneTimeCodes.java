package com.facetrust.application.enrolment;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * The subject's authenticator app in the tests (RFC 6238 TOTP, SHA-1, 6 digits, 30 s steps): the secret from the
 * base32 text {@code POST /subjects/{uid}/second-factor} returns, and the code of a time step. Written from the RFC,
 * independently of the server's {@code TimeBasedOneTimePassword}, so a test checks the server against the standard.
 */
public final class OneTimeCodes {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private OneTimeCodes() {
    }

    /** The code of time step {@code step} (Unix seconds / 30). */
    public static String code(byte[] secret, long step) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret, "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
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
