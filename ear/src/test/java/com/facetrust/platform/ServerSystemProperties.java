package com.facetrust.platform;

import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Sets and removes server system properties through the management API, for the {@code ServerSetupTask}s that hand
 * an in-server test what only the client side knows (test Keycloak secrets) or give the deployment test-specific
 * configuration (MicroProfile Config reads system properties; the beans read them once at start, so they are set
 * before the deployment). One place instead of a copy of these management operations in every setup task.
 */
public final class ServerSystemProperties {

    private ServerSystemProperties() {
    }

    /** Sets each property, replacing an earlier value left by an aborted run; fails on the first refusal. */
    public static void set(ManagementClient client, Map<String, String> properties) throws IOException {
        for (Map.Entry<String, String> e : properties.entrySet()) {
            execute(client, e.getKey(), "remove", null);
            ModelNode result = execute(client, e.getKey(), "add", e.getValue());
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException("Setting " + e.getKey() + ": " + result);
            }
        }
    }

    /** Removes each property; one that is not set is no error. */
    public static void remove(ManagementClient client, Collection<String> names) throws IOException {
        for (String name : names) {
            execute(client, name, "remove", null);
        }
    }

    private static ModelNode execute(ManagementClient client, String name, String operation, String value)
            throws IOException {
        ModelNode op = new ModelNode();
        op.get("address").add("system-property", name);
        op.get("operation").set(operation);
        if (value != null) {
            op.get("value").set(value);
        }
        return client.getControllerClient().execute(op);
    }
}
