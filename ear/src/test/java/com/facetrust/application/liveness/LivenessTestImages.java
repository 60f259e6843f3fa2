package com.facetrust.application.liveness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Photos and clips of ../shared/testdata as the liveness system tests read them inside the server (the folder is
 * passed as {@code facetrust.it.testdata.dir}); a test is skipped, saying why, when the folder is absent.
 */
final class LivenessTestImages {

    private LivenessTestImages() {
    }

    static Path testdata() {
        String dir = System.getProperty("facetrust.it.testdata.dir", "");
        assumeTrue(!dir.isEmpty() && Files.isDirectory(Path.of(dir, "pad")),
                "test images not found (facetrust.it.testdata.dir = '" + dir + "'): ../shared/testdata is absent");
        return Path.of(dir);
    }

    static byte[] read(String relative) {
        try {
            return Files.readAllBytes(testdata().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code count} frames of a clip folder, in order. */
    static List<byte[]> clip(String folder, int count) {
        try (Stream<Path> files = Files.list(testdata().resolve(folder))) {
            List<byte[]> frames = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(count).toList()) {
                frames.add(Files.readAllBytes(p));
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
