package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.infrastructure.face.EngineConfig;
import com.facetrust.infrastructure.face.FaceEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * No accuracy loss on real faces (A-7.2b with ): embeddings from the face engine on the deepface photos,
 * protected with real keys; every pair scores the same protected as plain (|&Delta;| &lt; 1e-5), so every decision
 * at any threshold is the same. Skips when ../shared/testdata is absent.
 */
class RealEmbeddingProtectionTest {
    @TempDir
    Path dir;

    @Test
    void protectedScoresEqualPlainScoresOnRealEmbeddings() throws Exception {
        String testdata = System.getProperty("facetrust.testdata.dir");
        Path deepface = testdata == null ? null : Path.of(testdata, "faces", "deepface");
        assumeTrue(deepface != null && Files.isDirectory(deepface),
                "test images absent (system property facetrust.testdata.dir -> ../shared/testdata): skipped");

        record Face(String identity, float[] embedding) {
        }
        List<Face> faces = new ArrayList<>();
        try (FaceEngine engine = FaceEngine.fromClasspathModels(EngineConfig.defaults());
             Stream<Path> people = Files.list(deepface).filter(Files::isDirectory).sorted()) {
            for (Path person : (Iterable<Path>) people::iterator) {
                try (Stream<Path> images = Files.list(person).sorted().limit(3)) {
                    for (Path image : (Iterable<Path>) images::iterator) {
                        faces.add(new Face(person.getFileName().toString(), engine.analyze(
                                Files.readAllBytes(image), AnalysisOptions.verification()).embedding().values()));
                    }
                }
            }
        }
        assertTrue(faces.size() >= 20, "expected at least 20 faces, got " + faces.size());

        ProtectionFixture f = new ProtectionFixture(dir);
        f.keys.createDomainKeyVersion(ProtectionFixture.COUNTER);
        List<ProtectedTemplate> stored = new ArrayList<>();
        List<TemplateBinding> bindings = new ArrayList<>();
        for (Face face : faces) {
            TemplateBinding b = new TemplateBinding("p-" + face.identity(), UUID.randomUUID().toString(), ProtectionFixture.COUNTER);
            bindings.add(b);
            stored.add(f.protector.protect(face.embedding(), b, f.keys.createDataKey()));
        }
        double worst = 0;
        double genuineSum = 0;
        double impostorSum = 0;
        int genuine = 0;
        int impostor = 0;
        for (int i = 0; i < faces.size(); i++) {
            for (int j = 0; j < faces.size(); j++) {
                if (i == j) {
                    continue;
                }
                double plain = AesGcmTemplateProtector.cosine(faces.get(i).embedding(), faces.get(j).embedding());
                double protectedScore = f.protector.compare(faces.get(j).embedding(), stored.get(i), bindings.get(i));
                worst = Math.max(worst, Math.abs(plain - protectedScore));
                if (faces.get(i).identity().equals(faces.get(j).identity())) {
                    genuineSum += protectedScore;
                    genuine++;
                } else {
                    impostorSum += protectedScore;
                    impostor++;
                }
            }
        }
        assertTrue(worst < 1e-5, "largest protected-vs-plain score difference " + worst);
        // The engine separates these people; protection must keep that (a broken transform would not).
        double genuineMean = genuineSum / genuine;
        double impostorMean = impostorSum / impostor;
        assertTrue(genuineMean > impostorMean + 0.3, "genuine mean " + genuineMean + ", impostor mean " + impostorMean);
        assertEquals(faces.size(), stored.size());
    }
}
