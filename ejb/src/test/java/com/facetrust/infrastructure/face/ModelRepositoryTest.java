package com.facetrust.infrastructure.face;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** The models jar: manifest readable, six pinned files, each matching its SHA-256 (issue 2, models/). */
class ModelRepositoryTest {

    @Test
    void manifestListsThePinnedModelsAndEachFileMatchesIt() {
        ModelRepository repo = ModelRepository.fromClasspath(true);
        Set<String> files = repo.manifest().stream().map(ModelInfo::file).collect(Collectors.toSet());
        assertEquals(Set.of("fr_detect.onnx", "fr_landmark.onnx", "fr_feature.onnx", "fr_liveness.onnx",
                "fr_eye.onnx", "fr_pose.onnx"), files);
        for (ModelInfo m : repo.manifest()) {
            assertEquals("faceplugin-face-recognition-js@0.0.1", m.source());
            assertTrue(m.licenceNote().contains("undocumented"), "licence caveat travels with the jar");
            byte[] bytes = repo.read(m.file());
            assertEquals(m.size(), bytes.length);
            assertEquals(m.sha256(), ModelRepository.sha256(bytes));
        }
        assertEquals("87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581",
                repo.info("fr_feature.onnx").sha256(), "pinned in models/src/main/pins/models.json");
    }

    @Test
    void manifestJsonReaderHandlesTheFormat() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) ManifestJson.parse(
                "{\"a\": [1, 2.5, -3e2], \"s\": \"x\\\"y\\u00e9\", \"t\": true, \"n\": null, \"o\": {}}");
        assertEquals(List.of(1.0, 2.5, -300.0), m.get("a"));
        assertEquals("x\"yé", m.get("s"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertNull(m.get("n"));
        assertThrows(IllegalArgumentException.class, () -> ManifestJson.parse("{\"a\": 1} trailing"));
        assertThrows(RuntimeException.class, () -> ManifestJson.parse("{\"a\": "));
    }
}
