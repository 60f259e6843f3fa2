package com.facetrust.infrastructure.gallery;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.infrastructure.crypto.OrthogonalDomainTransform;
import com.facetrust.infrastructure.face.EngineConfig;
import com.facetrust.infrastructure.face.FaceEngine;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Can the sign-sketch prefilter miss a real genuine match? On real embeddings (the engine on celeba-dev and the
 * deepface set, moved into a protected space by a random domain key as in the server), for every genuine pair
 * (probe, mate) it measures the mate's sketch rank: the share of all other templates whose 512-bit sketch is at
 * least as close to the probe as the mate's. The prefilter keeps the nearest {@code sketch-fraction} (5 % by
 * default) of a key version's templates, so a genuine pair is missed by the fast path exactly when its sketch rank
 * is above that share (in a large gallery the share is per scan thread, which changes nothing on average). Reported
 * per cosine band, since only pairs above the decision threshold matter. Also prints the exact-vs-int8 score error.
 * <pre>
 * mvn -o -q -B -pl ejb -am test-compile
 * mvn -o -q -B -pl ejb dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Dfacetrust.testdata.dir=$PWD/../shared/testdata -cp ejb/target/classes:ejb/target/test-classes:$(cat /tmp/cp.txt) \
 *   com.facetrust.infrastructure.gallery.GallerySketchRecall
 * </pre>
 * Results: docs/performance.md, "1:N gallery".
 */
public final class GallerySketchRecall {

    private record Face(String identity, float[] vector, QuantisedVector code) {
    }

    private GallerySketchRecall() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(System.getProperty("facetrust.testdata.dir", "../../shared/testdata"), "faces");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        OrthogonalDomainTransform transform = OrthogonalDomainTransform.derive(new SecretKeySpec(key, "HmacSHA256"),
                ApplicationDomain.of("recall"), 1, 512);
        List<Face> faces = new ArrayList<>();
        long start = System.nanoTime();
        try (FaceEngine engine = FaceEngine.fromClasspathModels(EngineConfig.defaults())) {
            for (String set : List.of("celeba-dev", "deepface")) {
                List<Path> images;
                try (Stream<Path> s = Files.walk(data.resolve(set))) {
                    images = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
                }
                for (Path image : images) {
                    FaceAnalysis a;
                    try {
                        a = engine.analyze(Files.readAllBytes(image), AnalysisOptions.verification());
                    } catch (RuntimeException e) {
                        continue; // no face found: not part of the measurement
                    }
                    if (a.embedding() == null) {
                        continue;
                    }
                    double[] y = transform.apply(a.embedding().values());
                    float[] v = new float[y.length];
                    for (int i = 0; i < y.length; i++) {
                        v[i] = (float) y[i];
                    }
                    faces.add(new Face(set + "/" + image.getParent().getFileName(), v, QuantisedVector.of(v)));
                }
            }
        }
        System.out.printf("%d faces embedded in %.0f s%n", faces.size(), (System.nanoTime() - start) / 1e9);
        double[] bands = {0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 1.01};
        int[] pairs = new int[bands.length - 1];
        int[] over2 = new int[bands.length - 1];
        int[] over5 = new int[bands.length - 1];
        int[] over1 = new int[bands.length - 1];
        double[] worst = new double[bands.length - 1];
        double maxScoreError = 0;
        int n = faces.size();
        int[] hamming = new int[n];
        for (int p = 0; p < n; p++) {
            Face probe = faces.get(p);
            for (int g = 0; g < n; g++) {
                hamming[g] = distance(probe.code().sketch(), faces.get(g).code().sketch());
            }
            for (int g = 0; g < n; g++) {
                Face mate = faces.get(g);
                if (g == p || !mate.identity().equals(probe.identity())) {
                    continue;
                }
                double cosine = QuantisedVector.cosine(probe.vector(), mate.vector());
                double approx = (double) probe.code().scale() * mate.code().scale()
                        * GalleryIndex.dot(mate.code().codes(), 0, probe.code().codes(), 512);
                maxScoreError = Math.max(maxScoreError, Math.abs(approx - cosine));
                int band = -1;
                for (int b = 0; b < pairs.length; b++) {
                    if (cosine >= bands[b] && cosine < bands[b + 1]) {
                        band = b;
                    }
                }
                if (band < 0) {
                    continue;
                }
                int closer = 0;
                for (int o = 0; o < n; o++) {
                    if (o != p && o != g && hamming[o] <= hamming[g]) {
                        closer++;
                    }
                }
                double rank = closer / (double) (n - 2);
                pairs[band]++;
                over1[band] += rank > 0.01 ? 1 : 0;
                over2[band] += rank > 0.02 ? 1 : 0;
                over5[band] += rank > 0.05 ? 1 : 0;
                worst[band] = Math.max(worst[band], rank);
            }
        }
        System.out.println("| genuine cosine | pairs | sketch rank > 1 % | > 2 % | > 5 % (missed at the default) "
                + "| worst sketch rank |");
        System.out.println("|---|---|---|---|---|---|");
        for (int b = 0; b < pairs.length; b++) {
            System.out.printf("| %.2f–%.2f | %d | %d | %d | %d | %.1f %% |%n", bands[b], Math.min(1, bands[b + 1]),
                    pairs[b], over1[b], over2[b], over5[b], worst[b] * 100);
        }
        System.out.printf("largest |int8 score - exact cosine| over genuine pairs: %.5f%n", maxScoreError);
    }

    private static int distance(long[] a, long[] b) {
        int h = 0;
        for (int i = 0; i < a.length; i++) {
            h += Long.bitCount(a[i] ^ b[i]);
        }
        return h;
    }
}
