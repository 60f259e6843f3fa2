package com.facetrust.platform;

import java.util.Map;

/**
 * Real Keycloak tokens for tests that run inside the server, as static calls: {@link #fetch} posts a token request to
 * the test Keycloak ({@value InServerApi#TOKEN_URL}, set by the setup tasks); {@link #sysadminGrant} is the password
 * grant of the test sysadmin that {@code SysadminTestSetup} made — user, password and a one-time code computed from
 * the OTP secret (TOTP, SHA-1, 6 digits, 30 s), as a sysadmin cannot log in without one. The HTTP and code
 * work is {@link InServerApi}'s; {@link DeployedEar} adds both classes to in-server test deployments.
 */
public final class InServerTokens {

    private InServerTokens() {
    }

    /** The access token a token request with this form gets; fails with Keycloak's answer otherwise. */
    public static String fetch(Map<String, String> form) throws Exception {
        return InServerApi.token(System.getProperty(InServerApi.TOKEN_URL), form);
    }

    /** The form of the test sysadmin's token request for the {@code facetrust-cli} client, with this step's code. */
    public static Map<String, String> sysadminGrant() throws Exception {
        return InServerApi.passwordGrant(sysadminUser(), System.getProperty("facetrust.it.sysadmin-password"),
                InServerApi.totp(System.getProperty("facetrust.it.sysadmin-otp-secret")));
    }

    /** The test sysadmin's user name. */
    public static String sysadminUser() {
        return System.getProperty("facetrust.it.sysadmin-user");
    }
}
