package com.facetrust.application.liveness;

import com.facetrust.application.enrolment.LifecycleTestSetup;
import com.facetrust.platform.DeployedEar;
import com.facetrust.security.KeycloakServerSetup;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static com.facetrust.application.liveness.EnrolmentRequests.assertCode;
import static com.facetrust.application.liveness.EnrolmentRequests.burst;
import static com.facetrust.application.liveness.EnrolmentRequests.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Enrolment that requires a performed challenge ({@code facetrust.enrolment.liveness=CHALLENGE}, issue 6,
 * d), the unattended flow AWS Face Liveness and Azure liveness-with-verify offer: the client takes a
 * challenge, the person performs it, and the frames alone are enrolled — the best frame, which is the live face.
 * Real clip lp-d9 (a blink in its first 3 s), real models, real Keycloak tokens, the deployed EAR.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup({KeycloakServerSetup.class, LifecycleTestSetup.class, EnrolmentLivenessTestSetup.Challenge.class})
class EnrolmentChallengeIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return DeployedEar.withTestClasses(EnrolmentChallengeIT.class, EnrolmentRequests.class,
                LivenessTestImages.class, LivenessApi.class);
    }

    private LivenessApi api;
    private EnrolmentRequests requests;

    @BeforeEach
    void setUp() {
        api = new LivenessApi();
        requests = new EnrolmentRequests(api);
    }

    /**
     * A performed challenge with another person's photo is FT-6008 and uses up its nonce (a replay is FT-6003);
     * the next performed challenge alone enrols its best frame.
     */
    @Test
    void aPerformedChallengeAloneEnrolsTheLiveFaceAndItsNonceServesOnce() {
        String uid = requests.register();
        String first = blinkChallenge();
        assertCode(requests.enrol(uid, List.of(read("pad/samples/live.jpg")), burst(), first), 403, "FT-6008");
        assertCode(requests.enrol(uid, List.of(), burst(), first), 409, "FT-6003");
        assertEquals(0, requests.references(uid), "nothing enrolled");

        LivenessApi.Answer enrolled = requests.enrol(uid, List.of(), burst(), blinkChallenge());
        assertEquals(201, enrolled.status(), enrolled.toString());
        assertEquals(1, requests.references(uid));
    }

    @Test
    void framesWithoutTheirChallengeNonceAreMissingEvidence() {
        String uid = requests.register();
        assertCode(requests.enrol(uid, List.of(), burst(), null), 400, "FT-6007");
        assertEquals(0, requests.references(uid));
    }

    /** A one-action challenge asking for a blink, which lp-d9's first 3 s contain (as LivenessWiringIT). */
    private String blinkChallenge() {
        return api.challengeAskingFor(requests.operator(), "BLINK");
    }
}
