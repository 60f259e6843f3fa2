package com.facetrust.application.liveness;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

import java.util.Map;

/**
 * Server settings of the liveness wiring test, set as system properties before deployment and removed afterwards:
 * enrolment requires the passive check ({@code facetrust.enrolment.liveness=PASSIVE}), so the test can show an
 * enrolment refusing a printed photo.
 */
public class LivenessTestSetup implements ServerSetupTask {

    static final Map<String, String> PROPERTIES = Map.of("facetrust.enrolment.liveness", "PASSIVE");

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        for (Map.Entry<String, String> e : PROPERTIES.entrySet()) {
            execute(client, e.getKey(), "remove", null);
            ModelNode result = execute(client, e.getKey(), "add", e.getValue());
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException("Setting " + e.getKey() + ": " + result);
            }
        }
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        for (String name : PROPERTIES.keySet()) {
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
