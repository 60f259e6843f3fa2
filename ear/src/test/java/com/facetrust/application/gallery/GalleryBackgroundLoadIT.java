package com.facetrust.application.gallery;

import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.platform.DeployedEar;
import com.facetrust.platform.ServerSystemProperties;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The start-up load of a large gallery in the real server (issue 5 start-up time): with
 * {@code facetrust.gallery.background-load-above=-1} every store counts as large, so the deployment ends before the
 * gallery is loaded and the load runs as a task on the server's managed executor. Checks that this task really runs
 * and publishes the gallery once the deployment is up (WildFly holds EJB calls from other threads until every
 * {@code @Startup} bean has started — the task must not wait forever for its own deployment), that identification
 * answers FT-5006 only until then, and that the load reads the whole store. (Run alone, the store is empty and the
 * load takes a few hundred ms; in the whole suite it holds what the earlier classes enrolled. What the parallel load
 * does with many rows is checked by {@code ParallelGalleryLoadTest}, {@code FaceGalleryServiceLoadTest} and measured
 * by {@code FaceGalleryIT.loadBenchmark}.)
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(GalleryBackgroundLoadIT.BackgroundLoad.class)
class GalleryBackgroundLoadIT {

    /** Sets the threshold before the deployment, removes it afterwards. */
    public static class BackgroundLoad implements ServerSetupTask {
        private static final Map<String, String> PROPERTIES = Map.of("facetrust.gallery.background-load-above", "-1");

        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            ServerSystemProperties.set(client, PROPERTIES);
        }

        @Override
        public void tearDown(ManagementClient client, String containerId) throws Exception {
            ServerSystemProperties.remove(client, PROPERTIES.keySet());
        }
    }

    @Deployment
    static EnterpriseArchive deployment() {
        return DeployedEar.withTestClasses(GalleryBackgroundLoadIT.class, BackgroundLoad.class);
    }

    @EJB
    FaceGalleryService gallery;

    @EJB
    TemplateProtectionService keys;

    @Test
    void theBackgroundLoadPublishesTheGalleryAfterTheDeployment() throws Exception {
        float[] probe = new float[512];
        probe[0] = 1f;
        long deadline = System.nanoTime() + 60_000_000_000L;
        int unavailableAnswers = 0;
        while (!"READY".equals(gallery.loadStatus().state())) {
            FaceGalleryService.LoadStatus status = gallery.loadStatus();
            assertEquals("LOADING", status.state(), "before it is published the gallery is loading: " + status);
            try {
                gallery.search(keys.domain(), probe, 1);
                // published between the status read and the search: fine
            } catch (FaceTrustException e) {
                assertEquals(FailureCode.GALLERY_UNAVAILABLE, e.failureCode());
                unavailableAnswers++;
            }
            if (System.nanoTime() > deadline) {
                fail("the background load did not publish within 60 s: " + status);
            }
            Thread.sleep(50);
        }
        FaceGalleryService.LoadStatus ready = gallery.loadStatus();
        assertEquals(ready.rowsExpected(), ready.rowsDone(), "every stored row was read: " + ready);
        assertTrue(gallery.search(keys.domain(), probe, 1).size() <= 1, "searches answer once it is published");
        System.out.println("GALLERY-BACKGROUND ready " + ready + " after " + unavailableAnswers
                + " FT-5006 answers seen by the test");
    }
}
