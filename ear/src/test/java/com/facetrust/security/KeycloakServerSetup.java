package com.facetrust.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Points the test WildFly at the test Keycloak before the deployments: the same system properties the run script
 * passes to the demo server (MP-JWT keys and issuer, the console's OIDC provider and client secret). Starts the
 * test Keycloak if it is not running yet. Set through the management API, so the secret never appears on a command
 * line.
 */
public class KeycloakServerSetup implements ServerSetupTask {

    static Map<String, String> properties(KeycloakTestServer keycloak) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("mp.jwt.verify.publickey.location", KeycloakTestServer.JWKS_URL);
        p.put("mp.jwt.verify.issuer", KeycloakTestServer.REALM_URL);
        p.put("facetrust.oidc.provider-url", KeycloakTestServer.REALM_URL);
        p.put("facetrust.oidc.client-secret", keycloak.secret("FACETRUST_CONSOLE_CLIENT_SECRET"));
        return p;
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        KeycloakTestServer keycloak = KeycloakTestServer.get();
        for (Map.Entry<String, String> e : properties(keycloak).entrySet()) {
            ModelNode remove = address(e.getKey());
            remove.get("operation").set("remove");
            client.getControllerClient().execute(remove); // left over from an aborted run: ignore the outcome
            ModelNode add = address(e.getKey());
            add.get("operation").set("add");
            add.get("value").set(e.getValue());
            ModelNode result = client.getControllerClient().execute(add);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException("Setting " + e.getKey() + ": " + result);
            }
        }
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        for (String name : properties(KeycloakTestServer.get()).keySet()) {
            ModelNode remove = address(name);
            remove.get("operation").set("remove");
            client.getControllerClient().execute(remove);
        }
    }

    private static ModelNode address(String name) {
        ModelNode op = new ModelNode();
        op.get("address").add("system-property", name);
        return op;
    }
}
