package com.facetrust.infrastructure.face;

import org.opencv.core.Core;

/**
 * Loads OpenCV's native library once per JVM and pins OpenCV to one thread: with ONNX Runtime in the same JVM,
 * OpenCV's own thread pool slowed inference 2-3× on this 2-core machine (platform-notes).
 *
 * <p>Loading: first {@code System.loadLibrary("opencv_java490")}, otherwise openpnp's {@code loadLocally()}, which
 * extracts the library from the jar into a temporary folder on every JVM start — measured 1.5 s of the engine's
 * 2.5 s cold start on the shared machine. JNI binds a library to the class loader of the caller of
 * {@code System.loadLibrary}, and only that loader's classes ({@code org.opencv.*}) can link to it. On a class path
 * that is this class's loader, which reads {@code java.library.path}. In WildFly OpenCV is the module
 * {@code org.openpnp.opencv}, so the lookup goes through openpnp's {@code loadShared()} (same try, then
 * {@code loadLocally()}); the module's loader finds the copy that server-config pre-extracts into the module's
 * {@code lib/linux-x86_64}.
 */
public final class OpenCvRuntime {
    private static volatile boolean loaded;

    private OpenCvRuntime() {
    }

    public static void ensureLoaded() {
        if (!loaded) {
            synchronized (OpenCvRuntime.class) {
                if (!loaded) {
                    if (OpenCvRuntime.class.getClassLoader() == Core.class.getClassLoader()) {
                        try {
                            System.loadLibrary(Core.NATIVE_LIBRARY_NAME);
                        } catch (UnsatisfiedLinkError notOnLibraryPath) {
                            nu.pattern.OpenCV.loadLocally();
                        }
                    } else {
                        // OpenCV in its own module (WildFly): its falling back to loadLocally() logs at SEVERE.
                        nu.pattern.OpenCV.loadShared();
                    }
                    Core.setNumThreads(1);
                    loaded = true;
                }
            }
        }
    }
}
