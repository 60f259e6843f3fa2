package com.facetrust.application.liveness;

import com.facetrust.platform.ServerSystemProperties;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

import java.util.List;
import java.util.Map;

/**
 * Server settings of {@link EnrolmentLivenessIT}, set as system properties before deployment and removed afterwards:
 * enrolment requires a burst of live frames ({@code facetrust.enrolment.liveness=MULTI_FRAME}), so every enrolment
 * goes through the live-face tie (issue 6). The auditor's password is passed on for the audit-trail check.
 */
public class EnrolmentLivenessTestSetup implements ServerSetupTask {

    static final Map<String, String> PROPERTIES = Map.of("facetrust.enrolment.liveness", "MULTI_FRAME");

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.set(client, Map.of(LivenessTestSetup.AUDITOR_PASSWORD,
                com.facetrust.security.KeycloakTestServer.get().secret("FACETRUST_AUDITOR_PASSWORD")));
        ServerSystemProperties.set(client, PROPERTIES);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.remove(client, List.of(LivenessTestSetup.AUDITOR_PASSWORD));
        ServerSystemProperties.remove(client, PROPERTIES.keySet());
    }
}
