package com.facetrust.application.protection;

import com.facetrust.security.KeycloakTestServer;
import com.facetrust.platform.ServerSystemProperties;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test-only system administrator (a new one per test class) with an OTP device in the test Keycloak (a sysadmin
 * cannot log in without one), handed to the in-server test as system properties: user, password and OTP secret, so
 * the test computes the one-time code and fetches a real token itself
 * ({@link com.facetrust.platform.InServerTokens#sysadminGrant}). Runs after {@code KeycloakServerSetup}.
 */
public class SysadminTestSetup implements ServerSetupTask {

    /**
     * A fresh user and password per setup: two test classes logging in as one sysadmin within the same 30 s would
     * send the same one-time code, which Keycloak refuses the second time (no OTP reuse); and the realm's
     * brute-force protection and password history count per user.
     */
    private static Map<String, String> properties(String user, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("facetrust.it.sysadmin-user", user);
        p.put("facetrust.it.sysadmin-password", password);
        p.put("facetrust.it.sysadmin-otp-secret", user == null ? "-" : KeycloakTestServer.get().otpSecret(user));
        return p;
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        String user = "it-sysadmin-" + suffix;
        String password = "It-Sysadmin-" + suffix + "!9a";
        KeycloakTestServer.get().ensureUser(user, password, java.util.List.of("sysadmin"), true);
        ServerSystemProperties.set(client, properties(user, password));
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.remove(client, properties(null, "-").keySet());
    }
}
