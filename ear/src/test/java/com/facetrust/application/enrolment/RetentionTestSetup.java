package com.facetrust.application.enrolment;

import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Short retention periods (days instead of years) for {@link NonFaceWayInAndRetentionIT}, set as server system
 * properties (MicroProfile Config reads them) before deployment and removed afterwards, so the test can move the
 * clock past each of them in turn: consent records 20 days, personal data 30, face references 45, tombstones 50.
 */
public class RetentionTestSetup implements ServerSetupTask {

    static final Map<String, String> RETENTION = new LinkedHashMap<>();

    static {
        RETENTION.put("facetrust.retention.consent-records", "P20D");
        RETENTION.put("facetrust.retention.personal-data", "P30D");
        RETENTION.put("facetrust.retention.face-references", "P45D");
        RETENTION.put("facetrust.retention.tombstones", "P50D");
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        for (Map.Entry<String, String> e : RETENTION.entrySet()) {
            execute(client, e.getKey(), "remove", null);
            ModelNode result = execute(client, e.getKey(), "add", e.getValue());
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException("Setting " + e.getKey() + ": " + result);
            }
        }
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        for (String name : RETENTION.keySet()) {
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
