package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.Embedding;
import com.facetrust.domain.face.FaceAnalysis;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Genuine pairs score above impostor pairs on the known sets (deepface: 13 people, bbt: 8 people, greyscale
 * crops). Figures measured when written (docs/models.md): deepface genuine min 0.475 / impostor max 0.451,
 * bbt genuine min 0.375 / impostor max 0.272.
 */
class RecognitionTest {

    record Scores(List<Double> genuine, List<Double> impostor) {
        double genuineMin() { return genuine.stream().mapToDouble(d -> d).min().orElseThrow(); }
        double impostorMax() { return impostor.stream().mapToDouble(d -> d).max().orElseThrow(); }
        double genuineMean() { return genuine.stream().mapToDouble(d -> d).average().orElseThrow(); }
        double impostorMean() { return impostor.stream().mapToDouble(d -> d).average().orElseThrow(); }

        /** Share of (genuine, impostor) pairs ordered correctly: the area under the ROC curve. */
        double auc() {
            long good = 0;
            for (double g : genuine) {
                for (double i : impostor) {
                    good += g > i ? 1 : 0;
                }
            }
            return good / ((double) genuine.size() * impostor.size());
        }
    }

    static Scores score(String set) {
        FaceEngine engine = SharedEngine.get();
        List<Path> images = TestImages.imagesUnder(TestImages.faces(set));
        List<String> ids = new ArrayList<>();
        List<Embedding> embs = new ArrayList<>();
        for (Path p : images) {
            FaceAnalysis a = engine.analyze(TestImages.read(p), AnalysisOptions.verification());
            assertEquals(512, a.embedding().dimension());
            ids.add(p.getParent().getFileName().toString());
            embs.add(a.embedding());
        }
        List<Double> gen = new ArrayList<>(), imp = new ArrayList<>();
        for (int i = 0; i < embs.size(); i++) {
            for (int j = i + 1; j < embs.size(); j++) {
                (ids.get(i).equals(ids.get(j)) ? gen : imp).add(embs.get(i).cosine(embs.get(j)));
            }
        }
        return new Scores(gen, imp);
    }

    @Test
    void deepfaceGenuinePairsScoreAboveImpostors() {
        Scores s = score("deepface");
        assertEquals(140, s.genuine().size());
        assertEquals(1690, s.impostor().size());
        assertTrue(s.auc() > 0.999, "AUC " + s.auc());
        assertTrue(s.genuineMean() > 0.65, "genuine mean " + s.genuineMean());
        assertTrue(Math.abs(s.impostorMean()) < 0.1, "impostor mean " + s.impostorMean());
        assertTrue(s.genuineMin() > s.impostorMax() - 0.05,
                "genuine min " + s.genuineMin() + " vs impostor max " + s.impostorMax());
    }

    @Test
    void bbtGreyscaleCropsGenuinePairsScoreAboveImpostors() {
        Scores s = score("bbt");
        assertTrue(s.auc() > 0.999, "AUC " + s.auc());
        assertTrue(s.genuineMin() > s.impostorMax(),
                "genuine min " + s.genuineMin() + " vs impostor max " + s.impostorMax());
    }

    @Test
    void embeddingsAreUnitLengthAndStable() {
        FaceEngine engine = SharedEngine.get();
        byte[] img = TestImages.read(TestImages.faces("deepface/id0/img1.jpg"));
        Embedding a = engine.analyze(img, AnalysisOptions.verification()).embedding();
        Embedding b = engine.analyze(img, AnalysisOptions.verification()).embedding();
        float[] v = a.values();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-4);
        assertEquals(1.0, a.cosine(b), 1e-5, "same image, same template");
    }
}
