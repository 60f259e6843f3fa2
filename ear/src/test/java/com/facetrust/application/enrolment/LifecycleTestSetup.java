package com.facetrust.application.enrolment;

import com.facetrust.security.KeycloakTestServer;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives the in-server lifecycle test what only the client side knows: the test Keycloak's operator password and
 * internal-application secret (so the test fetches real tokens itself), and where the test images are. Set as
 * server system properties through the management API before deployment, removed afterwards. Runs after
 * {@code KeycloakServerSetup}, which starts the test Keycloak and points MP-JWT at it.
 */
public class LifecycleTestSetup implements ServerSetupTask {

    private static Map<String, String> properties() {
        KeycloakTestServer keycloak = KeycloakTestServer.get();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("facetrust.it.token-url", KeycloakTestServer.TOKEN_URL);
        p.put("facetrust.it.operator-password", keycloak.secret("FACETRUST_OPERATOR_PASSWORD"));
        p.put("facetrust.it.internal-app-secret", keycloak.secret("FACETRUST_INTERNAL_APP_SECRET"));
        p.put("facetrust.it.testdata.dir", System.getProperty("facetrust.testdata.dir", ""));
        return p;
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        for (Map.Entry<String, String> e : properties().entrySet()) {
            execute(client, e.getKey(), "remove", null);
            ModelNode result = execute(client, e.getKey(), "add", e.getValue());
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException("Setting " + e.getKey() + ": " + result);
            }
        }
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        for (String name : properties().keySet()) {
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
