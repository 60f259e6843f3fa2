package com.facetrust.infrastructure.liveness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.facetrust.infrastructure.face.EngineConfig;
import com.facetrust.infrastructure.face.FaceEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Shared test fixtures: the engine (loaded once per JVM) and ../shared/testdata (tests skip when it is absent). */
final class LivenessTestData {

    private static FaceEngine engine;

    private LivenessTestData() {
    }

    static Path dir(String... parts) {
        String root = System.getProperty("facetrust.testdata.dir");
        Path p = root == null ? null : Path.of(root, parts);
        assumeTrue(p != null && Files.exists(p),
                "test images absent (system property facetrust.testdata.dir -> ../shared/testdata): skipped");
        return p;
    }

    static synchronized FaceEngine engine() {
        if (engine == null) {
            engine = FaceEngine.fromClasspathModels(EngineConfig.defaults());
        }
        return engine;
    }

    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<byte[]> read(List<Path> files) {
        List<byte[]> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(Files.readAllBytes(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Timestamps of {@code n} frames at 15 fps, the clips' rate. */
    static long[] at15fps(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.round(i * 1000.0 / 15);
        }
        return t;
    }
}
