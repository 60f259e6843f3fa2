package com.facetrust.application.recognition;

import com.facetrust.platform.ServerSystemProperties;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server configuration of the recognition system test, set as system properties before the deployment (the policy
 * reads its channels once at start): a test channel {@code it-stepup} (FAR 1e-3, no liveness, risk step-up on) so
 * the step-up path can be driven with a real second factor, and attempt limits high enough that this test's own
 * deliberate failures (impostors, unknown subjects, bad images) and the benchmark never reach a delay — the limits
 * themselves are RecognitionPolicyIT's subject.
 */
public class RecognitionTestSetup implements ServerSetupTask {

    static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("facetrust.recognition.channels", "counter,kiosk,mobile,web,it-stepup");
        p.put("facetrust.recognition.channel.it-stepup.target-far", "1e-3");
        p.put("facetrust.recognition.channel.it-stepup.liveness", "NONE");
        p.put("facetrust.recognition.channel.it-stepup.step-up", "true");
        p.put("facetrust.attempts.delay-after", "1000");
        p.put("facetrust.attempts.block-after", "2000");
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
