package com.facetrust.application.enrolment;

import com.facetrust.platform.ServerSystemProperties;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

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
        ServerSystemProperties.set(client, RETENTION);
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        ServerSystemProperties.remove(client, RETENTION.keySet());
    }
}
