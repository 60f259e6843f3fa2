package com.facetrust.application.gallery;

import com.facetrust.platform.ServerSystemProperties;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands the gallery load benchmark's settings from the test command line ({@code -Dfacetrust.it.gallery.benchmark=
 * 10000,100000}, {@code .threads}, {@code .repeats}) to the server, where {@code FaceGalleryIT.loadBenchmark} runs;
 * nothing is set when the benchmark was not asked for.
 */
public class GalleryBenchmarkSetup implements ServerSetupTask {
    private static final String[] KEYS = {"facetrust.it.gallery.benchmark", "facetrust.it.gallery.threads",
        "facetrust.it.gallery.repeats"};

    private static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        for (String key : KEYS) {
            String value = System.getProperty(key);
            if (value != null && !value.isBlank()) {
                p.put(key, value);
            }
        }
        return p;
    }

    @Override
    public void setup(ManagementClient client, String containerId) throws Exception {
        if (!properties().isEmpty()) {
            ServerSystemProperties.set(client, properties());
        }
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) throws Exception {
        if (!properties().isEmpty()) {
            ServerSystemProperties.remove(client, properties().keySet());
        }
    }
}
