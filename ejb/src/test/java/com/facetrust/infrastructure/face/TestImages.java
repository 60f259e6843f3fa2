package com.facetrust.infrastructure.face;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared test images (../shared/testdata, system property {@code facetrust.testdata.dir} set by the parent
 * POM). They are never committed; without them the tests that need them are skipped with a clear message.
 */
final class TestImages {
    private TestImages() {
    }

    static Path dir() {
        String prop = System.getProperty("facetrust.testdata.dir");
        Path dir = prop != null ? Path.of(prop) : Path.of("../../shared/testdata");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("faces")),
                "test images not found at " + dir.toAbsolutePath()
                        + " (set -Dfacetrust.testdata.dir); skipping tests on real images");
        return dir;
    }

    static Path faces(String sub) {
        return dir().resolve("faces").resolve(sub);
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Image files under a folder, sorted, recursively. */
    static List<Path> imagesUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|bmp|webp)$")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
