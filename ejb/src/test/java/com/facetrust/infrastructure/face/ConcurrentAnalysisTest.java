package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.Embedding;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** One shared engine used from several threads at once gives the same templates as sequential use. */
class ConcurrentAnalysisTest {

    @Test
    void concurrentAnalysesMatchSequentialOnes() throws Exception {
        FaceEngine engine = SharedEngine.get();
        List<Path> images = TestImages.imagesUnder(TestImages.faces("deepface")).subList(0, 12);
        List<Embedding> sequential = new ArrayList<>();
        for (Path p : images) {
            sequential.add(engine.analyze(TestImages.read(p), AnalysisOptions.verification()).embedding());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Embedding>> futures = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (Path p : images) {
                    futures.add(pool.submit(() ->
                            engine.analyze(TestImages.read(p), AnalysisOptions.verification()).embedding()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                Embedding e = futures.get(i).get(120, TimeUnit.SECONDS);
                assertEquals(1.0, e.cosine(sequential.get(i % images.size())), 1e-5, "image " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
