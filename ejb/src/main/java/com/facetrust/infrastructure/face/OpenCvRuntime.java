package com.facetrust.infrastructure.face;

import org.opencv.core.Core;

/**
 * Loads OpenCV's native library once per JVM and pins OpenCV to one thread: with ONNX Runtime in the same JVM,
 * OpenCV's own thread pool slowed inference 2-3× on this 2-core machine (platform-notes).
 */
public final class OpenCvRuntime {
    private static volatile boolean loaded;

    private OpenCvRuntime() {
    }

    public static void ensureLoaded() {
        if (!loaded) {
            synchronized (OpenCvRuntime.class) {
                if (!loaded) {
                    nu.pattern.OpenCV.loadLocally();
                    Core.setNumThreads(1);
                    loaded = true;
                }
            }
        }
    }
}
