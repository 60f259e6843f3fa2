package com.facetrust.application.liveness;

import com.facetrust.platform.ServerSystemProperties;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

import java.util.List;
import java.util.Map;

/** {@link SharedChallengeStoreIT}: challenges kept in the identity database, set before deployment. */
public class SharedChallengeStoreTestSetup implements ServerSetupTask {
    static final String STORE = "facetrust.liveness.challenge.store";

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.set(client, Map.of(STORE, "database"));
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.remove(client, List.of(STORE));
    }
}
