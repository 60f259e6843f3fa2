package com.facetrust.application.enrolment;

import com.facetrust.security.KeycloakTestServer;
import com.facetrust.platform.ServerSystemProperties;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

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
        ServerSystemProperties.set(client, properties());
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.remove(client, properties().keySet());
    }
}
