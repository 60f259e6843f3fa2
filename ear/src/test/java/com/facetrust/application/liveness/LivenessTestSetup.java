package com.facetrust.application.liveness;

import com.facetrust.platform.ServerSystemProperties;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

import java.util.Map;

/**
 * Server settings of the liveness wiring test, set as system properties before deployment and removed afterwards:
 * enrolment requires the passive check ({@code facetrust.enrolment.liveness=PASSIVE}), so the test can show an
 * enrolment refusing a printed photo; and a recognition channel {@value LivenessWiringIT#CHANNEL} whose policy
 * requires the passive check, for issue 6's integration test.
 */
public class LivenessTestSetup implements ServerSetupTask {

    static final Map<String, String> PROPERTIES = Map.of("facetrust.enrolment.liveness", "PASSIVE",
            // A channel that requires the passive check and never asks for a second factor (the test runs at any
            // hour, and risk step-up would answer before any face data is processed).
            "facetrust.recognition.channels", "counter,kiosk,mobile,web," + LivenessWiringIT.CHANNEL,
            "facetrust.recognition.channel." + LivenessWiringIT.CHANNEL + ".target-far", "1e-4",
            "facetrust.recognition.channel." + LivenessWiringIT.CHANNEL + ".liveness", "PASSIVE",
            "facetrust.recognition.channel." + LivenessWiringIT.CHANNEL + ".step-up", "false");

    /** The test Keycloak's auditor password (a role that may not use liveness), read on the client side. */
    static final String AUDITOR_PASSWORD = "facetrust.it.auditor-password";

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.set(client, Map.of(AUDITOR_PASSWORD,
                com.facetrust.security.KeycloakTestServer.get().secret("FACETRUST_AUDITOR_PASSWORD")));
        ServerSystemProperties.set(client, PROPERTIES);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.remove(client, java.util.List.of(AUDITOR_PASSWORD));
        ServerSystemProperties.remove(client, PROPERTIES.keySet());
    }
}
