package com.facetrust.application.audit;

import com.facetrust.security.KeycloakTestServer;
import com.facetrust.platform.ServerSystemProperties;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the in-server audit test what only the client side knows: the test Keycloak's token URL, the passwords of
 * the operator and auditor, the internal application's secret, and a test sysadmin (made here with an OTP device,
 * as a sysadmin cannot log in without one) with its OTP secret, so the test fetches real tokens itself. Set as
 * server system properties before deployment, removed afterwards. Runs after {@code KeycloakServerSetup}.
 */
public class AuditTestSetup implements ServerSetupTask {
    /**
     * A fresh sysadmin per test run: the realm's brute-force protection counts failed logins per user for 12 hours,
     * so a user that failed in an earlier run could still be locked.
     */
    static final String SYSADMIN = "it-audit-sysadmin-" + Long.toString(System.currentTimeMillis(), 36);
    static final String SYSADMIN_PASSWORD = "It-Audit-Sysadmin-1!";

    private static Map<String, String> properties() {
        KeycloakTestServer keycloak = KeycloakTestServer.get();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("facetrust.it.audit.token-url", KeycloakTestServer.TOKEN_URL);
        p.put("facetrust.it.audit.operator-password", keycloak.secret("FACETRUST_OPERATOR_PASSWORD"));
        p.put("facetrust.it.audit.auditor-password", keycloak.secret("FACETRUST_AUDITOR_PASSWORD"));
        p.put("facetrust.it.audit.internal-app-secret", keycloak.secret("FACETRUST_INTERNAL_APP_SECRET"));
        p.put("facetrust.it.audit.sysadmin-user", SYSADMIN);
        p.put("facetrust.it.audit.sysadmin-password", SYSADMIN_PASSWORD);
        p.put("facetrust.it.audit.sysadmin-otp-secret", keycloak.otpSecret(SYSADMIN));
        return p;
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        KeycloakTestServer.get().ensureUser(SYSADMIN, SYSADMIN_PASSWORD, List.of("sysadmin"), true);
        ServerSystemProperties.set(client, properties());
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.remove(client, properties().keySet());
    }
}
