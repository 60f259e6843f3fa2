package com.facetrust.application.protection;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The password grant of the test sysadmin that {@link SysadminTestSetup} made, read from the server system
 * properties it set: user, password and a one-time code computed from the OTP secret (TOTP, SHA-1, 6 digits, 30 s),
 * as a sysadmin cannot log in without one. Runs inside the server (plain JDK only), so in-server tests
 * add it to their deployment.
 */
public final class SysadminLogin {

    private SysadminLogin() {
    }

    /** The form of a token request for the {@code facetrust-cli} client. */
    public static Map<String, String> passwordGrant() throws Exception {
        String secret = System.getProperty("facetrust.it.sysadmin-otp-secret");
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(System.currentTimeMillis() / 1000 / 30).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return Map.of("grant_type", "password", "client_id", "facetrust-cli",
                "username", user(),
                "password", System.getProperty("facetrust.it.sysadmin-password"),
                "totp", String.format("%06d", binary % 1_000_000));
    }

    /** The test sysadmin's user name. */
    public static String user() {
        return System.getProperty("facetrust.it.sysadmin-user");
    }
}
