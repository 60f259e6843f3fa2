package com.facetrust.application.protection;

import com.facetrust.security.KeycloakTestServer;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test-only system administrator with an OTP device in the test Keycloak (a sysadmin cannot log in without one),
 * handed to the in-server test as system properties: user, password and OTP secret, so the test computes the
 * one-time code and fetches a real token itself. Runs after {@code KeycloakServerSetup}.
 */
public class SysadminTestSetup implements ServerSetupTask {
    static final String USER = "it-rotation-admin";

    /** A fresh password per setup: the realm refuses any of the last 3 (password history). */
    private static Map<String, String> properties(String password) {
        KeycloakTestServer keycloak = KeycloakTestServer.get();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("facetrust.it.sysadmin-user", USER);
        p.put("facetrust.it.sysadmin-password", password);
        p.put("facetrust.it.sysadmin-otp-secret", keycloak.otpSecret(USER));
        return p;
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        String password = "It-Rotation-" + Long.toHexString(System.nanoTime()) + "!9a";
        KeycloakTestServer.get().ensureUser(USER, password, java.util.List.of("sysadmin"), true);
        for (Map.Entry<String, String> e : properties(password).entrySet()) {
            execute(client, e.getKey(), "remove", null);
            ModelNode result = execute(client, e.getKey(), "add", e.getValue());
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException("Setting " + e.getKey() + ": " + result);
            }
        }
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        for (String name : properties("-").keySet()) {
            execute(client, name, "remove", null);
        }
    }

    private static ModelNode execute(ManagementClient client, String name, String operation, String value)
            throws Exception {
        ModelNode op = new ModelNode();
        op.get("address").add("system-property", name);
        op.get("operation").set(operation);
        if (value != null) {
            op.get("value").set(value);
        }
        return client.getControllerClient().execute(op);
    }
}
