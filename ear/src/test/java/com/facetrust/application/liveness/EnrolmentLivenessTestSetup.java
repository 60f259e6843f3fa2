package com.facetrust.application.liveness;

import com.facetrust.platform.ServerSystemProperties;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

import java.util.List;
import java.util.Map;

/**
 * Server settings of {@link EnrolmentLivenessIT}, set as system properties before deployment and removed afterwards:
 * enrolment requires a burst of live frames ({@code facetrust.enrolment.liveness=MULTI_FRAME}; {@link Challenge}: a
 * performed challenge), so every enrolment goes through the live-face tie (issue 6). The auditor's password is passed on for the audit-trail check.
 */
public class EnrolmentLivenessTestSetup implements ServerSetupTask {
    private static final String REQUIREMENT = "facetrust.enrolment.liveness";

    private final String requirement;

    public EnrolmentLivenessTestSetup() {
        this("MULTI_FRAME");
    }

    protected EnrolmentLivenessTestSetup(String requirement) {
        this.requirement = requirement;
    }

    /** Enrolment requires a performed challenge ({@link EnrolmentChallengeIT}). */
    public static class Challenge extends EnrolmentLivenessTestSetup {
        public Challenge() {
            super("CHALLENGE");
        }
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.set(client, Map.of(LivenessTestSetup.AUDITOR_PASSWORD,
                com.facetrust.security.KeycloakTestServer.get().secret("FACETRUST_AUDITOR_PASSWORD")));
        ServerSystemProperties.set(client, Map.of(REQUIREMENT, requirement));
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.remove(client, List.of(LivenessTestSetup.AUDITOR_PASSWORD, REQUIREMENT));
    }
}
