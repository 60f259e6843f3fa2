package com.facetrust.infrastructure.face;

import org.opencv.core.Core;

/**
 * Loads OpenCV's native library once per JVM and pins OpenCV to one thread: with ONNX Runtime in the same JVM,
 * OpenCV's own thread pool slowed inference 2-3× on this 2-core machine (platform-notes).
 *
 * <p>Loading: first {@code System.loadLibrary("opencv_java490")}, which succeeds when the library is on
 * {@code java.library.path} (a server can pre-extract it once); otherwise openpnp's {@code loadLocally()}, which
 * extracts the library from the jar into a temporary folder on every JVM start — measured 1.5 s of the engine's
 * 2.5 s cold start on the shared machine.
 */
public final class OpenCvRuntime {
    private static volatile boolean loaded;

    private OpenCvRuntime() {
    }

    public static void ensureLoaded() {
        if (!loaded) {
            synchronized (OpenCvRuntime.class) {
                if (!loaded) {
                    try {
                        System.loadLibrary(Core.NATIVE_LIBRARY_NAME);
                    } catch (UnsatisfiedLinkError notOnLibraryPath) {
                        nu.pattern.OpenCV.loadLocally();
                    }
                    Core.setNumThreads(1);
                    loaded = true;
                }
            }
        }
    }
}
