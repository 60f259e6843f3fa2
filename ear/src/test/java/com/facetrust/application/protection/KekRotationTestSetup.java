package com.facetrust.application.protection;

import com.facetrust.platform.ServerSystemProperties;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

import java.util.Map;

/**
 * Configuration of {@code KekRotationIT}, set before the deployment (the rotation bean reads it once): one key per
 * batch (several transactions even on a fresh server, so the test can act between them) and a rotation period the
 * test can pass with the adjustable clock.
 */
public class KekRotationTestSetup implements ServerSetupTask {
    static final Map<String, String> PROPERTIES = Map.of(
            "facetrust.protection.kek.rotation-batch", "1",
            "facetrust.protection.kek.rotate-every", "PT1H");

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.set(client, PROPERTIES);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.remove(client, PROPERTIES.keySet());
    }
}
