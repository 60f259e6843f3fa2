package com.facetrust.infrastructure.face;

/**
 * One engine for all test classes in the JVM: loading the models is the expensive part, and the engine is
 * designed to be shared (one session per model per JVM).
 */
final class SharedEngine {
    private static FaceEngine engine;

    private SharedEngine() {
    }

    static synchronized FaceEngine get() {
        if (engine == null) {
            engine = FaceEngine.fromClasspathModels(EngineConfig.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        }
        return engine;
    }
}
