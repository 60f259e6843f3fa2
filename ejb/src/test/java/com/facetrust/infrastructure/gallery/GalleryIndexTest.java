package com.facetrust.infrastructure.gallery;

import com.facetrust.domain.recognition.GalleryCandidate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index against a brute-force float cosine scan (issue 5: "exact first"): same candidates, same order, same
 * scores, one per subject, through additions, replacements, removals, two key versions, consent expiry and the
 * parallel scan; and the int8 error bound that makes the exactness provable.
 */
class GalleryIndexTest {
    private static final int D = 512;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final long OPEN = Long.MAX_VALUE;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    /** What the index holds, kept by the test to compute the brute-force answer. */
    private static final class Mirror {
        final Map<String, List<IndexedReference>> bySubject = new LinkedHashMap<>();
        final Map<String, Long> until = new HashMap<>();

        void put(String uid, long consentUntil, List<IndexedReference> refs) {
            bySubject.remove(uid);
            until.remove(uid);
            if (!refs.isEmpty()) {
                bySubject.put(uid, refs);
                until.put(uid, consentUntil);
            }
        }

        List<GalleryCandidate> bruteForce(IntFunction<float[]> probe, int k, long now) {
            List<GalleryCandidate> best = new ArrayList<>();
            for (Map.Entry<String, List<IndexedReference>> e : bySubject.entrySet()) {
                if (until.get(e.getKey()) <= now) {
                    continue;
                }
                GalleryCandidate top = null;
                for (IndexedReference r : e.getValue()) {
                    double s = QuantisedVector.cosine(probe.apply(r.keyVersion()), r.vector());
                    if (top == null || s > top.score()
                            || (s == top.score() && r.referenceId().compareTo(top.referenceId()) < 0)) {
                        top = new GalleryCandidate(e.getKey(), r.referenceId(), s);
                    }
                }
                best.add(top);
            }
            return best.stream().sorted(Comparator.comparingDouble(GalleryCandidate::score).reversed()
                    .thenComparing(GalleryCandidate::uid)).limit(k).toList();
        }

        int size() {
            return bySubject.values().stream().mapToInt(List::size).sum();
        }
    }

    static float[] unit(Random random) {
        float[] v = new float[D];
        double sum = 0;
        for (int i = 0; i < D; i++) {
            v[i] = (float) random.nextGaussian();
            sum += (double) v[i] * v[i];
        }
        double norm = Math.sqrt(sum);
        for (int i = 0; i < D; i++) {
            v[i] = (float) (v[i] / norm);
        }
        return v;
    }

    /** A unit vector at cosine about {@code cosine} from {@code base}. */
    static float[] near(float[] base, double cosine, Random random) {
        float[] noise = unit(random);
        float[] v = new float[D];
        double s = Math.sqrt(1 - cosine * cosine);
        double sum = 0;
        for (int i = 0; i < D; i++) {
            v[i] = (float) (cosine * base[i] + s * noise[i]);
            sum += (double) v[i] * v[i];
        }
        double norm = Math.sqrt(sum);
        for (int i = 0; i < D; i++) {
            v[i] = (float) (v[i] / norm);
        }
        return v;
    }

    static String referenceId(Random random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String uid(int i) {
        return String.format("%032x", i);
    }

    @Test
    void quantisationErrorBoundHoldsAndIsSmall() {
        Random random = new Random(7);
        double worstRatio = 0;
        double meanError = 0;
        for (int i = 0; i < 2000; i++) {
            float[] x = unit(random);
            float[] p = i % 2 == 0 ? near(x, random.nextDouble(), random) : unit(random);
            QuantisedVector qx = QuantisedVector.of(x);
            QuantisedVector qp = QuantisedVector.of(p);
            double approx = (double) qx.scale() * qp.scale() * GalleryIndex.dot(qx.codes(), 0, qp.codes(), D);
            double exact = QuantisedVector.cosine(p, x);
            double bound = QuantisedVector.bound(qx.error(), qp.error());
            assertTrue(Math.abs(approx - exact) <= bound, "bound violated: " + approx + " vs " + exact);
            worstRatio = Math.max(worstRatio, Math.abs(approx - exact) / bound);
            meanError += Math.abs(approx - exact) / 2000;
        }
        // int8 of a 512-d unit vector: error norm about 0.01, score error about 5e-4 on average.
        assertTrue(meanError < 2e-3, "mean score error " + meanError);
        assertTrue(worstRatio < 0.5, "the bound is loose but not absurdly: " + worstRatio);
        QuantisedVector q = QuantisedVector.of(unit(random));
        assertTrue(q.error() > 0 && q.error() < 0.03, "error norm " + q.error());
    }

    @Test
    void equalsBruteForceOnRandomAndClusteredGalleries() {
        Random random = new Random(11);
        for (SearchSettings settings : List.of(SearchSettings.defaults().withThreads(1),
                new SearchSettings(Integer.MAX_VALUE, 0.02, 16, 2, 0))) {
            try (GalleryIndex index = new GalleryIndex(D, settings)) {
                Mirror mirror = new Mirror();
                float[] centre = unit(random);
                for (int s = 0; s < 1500; s++) {
                    List<IndexedReference> refs = new ArrayList<>();
                    int count = 1 + random.nextInt(3);
                    for (int r = 0; r < count; r++) {
                        // a third of the gallery crowds around one point, so int8 scores tie within their error
                        float[] v = s % 3 == 0 ? near(centre, 0.995 + random.nextDouble() * 0.004, random)
                                : unit(random);
                        refs.add(new IndexedReference(referenceId(random), 1, v));
                    }
                    index.putSubject(uid(s), OPEN, refs);
                    mirror.put(uid(s), OPEN, refs);
                }
                assertEquals(mirror.size(), index.size());
                for (int q = 0; q < 40; q++) {
                    float[] probe = q % 2 == 0 ? near(centre, 0.99, random) : unit(random);
                    for (int k : new int[]{1, 5, 50}) {
                        assertEquals(mirror.bruteForce(v -> probe, k, 0), index.search(v -> probe, k, 0, POOL),
                                "query " + q + " k " + k + " " + settings);
                    }
                }
            }
        }
    }

    @Test
    void oneCandidatePerSubjectItsBestReference() {
        Random random = new Random(3);
        try (GalleryIndex index = new GalleryIndex(D, SearchSettings.defaults())) {
            float[] probe = unit(random);
            String weak = referenceId(random);
            String strong = referenceId(random);
            index.putSubject(uid(1), OPEN, List.of(new IndexedReference(weak, 1, near(probe, 0.6, random)),
                    new IndexedReference(strong, 1, near(probe, 0.9, random))));
            index.putSubject(uid(2), OPEN, List.of(new IndexedReference(referenceId(random), 1,
                    near(probe, 0.8, random))));
            List<GalleryCandidate> found = index.search(v -> probe, 5, 0, POOL);
            assertEquals(2, found.size(), found.toString());
            assertEquals(uid(1), found.get(0).uid());
            assertEquals(strong, found.get(0).referenceId());
            assertEquals(uid(2), found.get(1).uid());
            assertTrue(found.get(0).score() > 0.89 && found.get(1).score() < found.get(0).score());
        }
    }

    @Test
    void replacementsAndRemovalsKeepTheIndexEqualToTheStore() {
        Random random = new Random(5);
        try (GalleryIndex index = new GalleryIndex(D, new SearchSettings(Integer.MAX_VALUE, 0.02, 16, 2, 0))) {
            Mirror mirror = new Mirror();
            for (int round = 0; round < 6000; round++) {
                String uid = uid(random.nextInt(800));
                int op = random.nextInt(10);
                if (op < 2) {
                    assertEquals(mirror.bySubject.containsKey(uid), index.removeSubject(uid));
                    mirror.put(uid, OPEN, List.of());
                } else {
                    List<IndexedReference> refs = new ArrayList<>();
                    for (int r = random.nextInt(4); r > 0; r--) {
                        refs.add(new IndexedReference(referenceId(random), 1, unit(random)));
                    }
                    index.putSubject(uid, OPEN, refs);
                    mirror.put(uid, OPEN, refs);
                }
                if (round % 500 == 0) {
                    float[] probe = unit(random);
                    assertEquals(mirror.bruteForce(v -> probe, 10, 0), index.search(v -> probe, 10, 0, POOL));
                }
            }
            assertEquals(mirror.size(), index.size());
            assertEquals(mirror.bySubject.size(), index.subjects());
            // A removed subject is never found, even by its own reference vector.
            String victim = mirror.bySubject.keySet().iterator().next();
            float[] own = mirror.bySubject.get(victim).get(0).vector();
            assertTrue(index.search(v -> own, 1, 0, POOL).get(0).uid().equals(victim));
            index.removeSubject(victim);
            assertFalse(index.contains(victim));
            assertFalse(index.search(v -> own, 1000, 0, POOL).stream().anyMatch(c -> c.uid().equals(victim)));
            mirror.bySubject.keySet().forEach(index::removeSubject);
            assertEquals(0, index.size());
            assertEquals(0, index.offHeapBytes(), "the last chunk is released too");
        }
    }

    @Test
    void twoKeyVersionsAreSearchedWithTheirOwnProbeAndMergedPerSubject() {
        Random random = new Random(9);
        float[] probeV1 = unit(random);
        float[] probeV2 = unit(random); // the same face in the space of key version 2
        try (GalleryIndex index = new GalleryIndex(D, SearchSettings.defaults())) {
            Mirror mirror = new Mirror();
            for (int s = 0; s < 300; s++) {
                List<IndexedReference> refs = new ArrayList<>();
                refs.add(new IndexedReference(referenceId(random), 1, near(probeV1, random.nextDouble(), random)));
                if (s % 2 == 0) {
                    refs.add(new IndexedReference(referenceId(random), 2,
                            near(probeV2, random.nextDouble(), random)));
                }
                index.putSubject(uid(s), OPEN, refs);
                mirror.put(uid(s), OPEN, refs);
            }
            IntFunction<float[]> probe = v -> v == 1 ? probeV1 : probeV2;
            assertEquals(List.of(1, 2), index.keyVersions());
            assertEquals(mirror.bruteForce(probe, 20, 0), index.search(probe, 20, 0, POOL));
        }
    }

    @Test
    void subjectsWhoseIdentificationConsentEndedAreSkipped() {
        Random random = new Random(13);
        float[] probe = unit(random);
        try (GalleryIndex index = new GalleryIndex(D, SearchSettings.defaults())) {
            index.putSubject(uid(1), 1_000L, List.of(new IndexedReference(referenceId(random), 1,
                    near(probe, 0.95, random))));
            index.putSubject(uid(2), OPEN, List.of(new IndexedReference(referenceId(random), 1,
                    near(probe, 0.5, random))));
            assertEquals(uid(1), index.search(v -> probe, 1, 999L, POOL).get(0).uid());
            List<GalleryCandidate> after = index.search(v -> probe, 5, 1_000L, POOL);
            assertEquals(List.of(uid(2)), after.stream().map(GalleryCandidate::uid).toList());
        }
    }

    @Test
    void sketchPrefilterFindsPlantedMatchesAtGenuineScores() {
        // Above the exact-scan limit: 60k random templates, 200 probes each planted at cosine 0.35-0.9.
        Random random = new Random(17);
        SearchSettings fast = new SearchSettings(10_000, 0.02, 256, 2, 0);
        try (GalleryIndex index = new GalleryIndex(D, fast)) {
            List<float[]> stored = new ArrayList<>();
            for (int s = 0; s < 60_000; s++) {
                float[] v = unit(random);
                stored.add(v);
                index.putSubject(uid(s), OPEN, List.of(new IndexedReference(referenceId(random), 1, v)));
            }
            int found = 0;
            for (int q = 0; q < 200; q++) {
                int target = random.nextInt(stored.size());
                float[] probe = near(stored.get(target), 0.35 + 0.55 * q / 200.0, random);
                List<GalleryCandidate> top = index.search(v -> probe, 1, 0, POOL);
                if (top.get(0).uid().equals(uid(target))) {
                    found++;
                }
            }
            assertTrue(found >= 196, "recall of the prefilter at cosine >= 0.35: " + found + "/200");
        }
    }

    @Test
    void aVersionWithoutProbeIsSkippedAndAClosedIndexRefusesSearches() {
        Random random = new Random(21);
        float[] probe = unit(random);
        GalleryIndex index = new GalleryIndex(D, SearchSettings.defaults());
        index.putSubject(uid(1), OPEN, List.of(new IndexedReference(referenceId(random), 1, near(probe, 0.9, random))));
        index.putSubject(uid(2), OPEN, List.of(new IndexedReference(referenceId(random), 2, near(probe, 0.5, random))));
        // Key version 1 destroyed (rotation finished): its templates are revoked and never match.
        assertEquals(List.of(uid(2)), index.search(v -> v == 1 ? null : probe, 5, 0, POOL).stream()
                .map(GalleryCandidate::uid).toList());
        index.close();
        assertTrue(index.isClosed());
        assertEquals(0, index.size());
        assertThrows(IllegalStateException.class, () -> index.search(v -> probe, 1, 0, POOL));
    }

    @Test
    void refusesWrongShapes() {
        try (GalleryIndex index = new GalleryIndex(D, SearchSettings.defaults())) {
            assertThrows(IllegalArgumentException.class, () -> index.putSubject(uid(1), OPEN,
                    List.of(new IndexedReference("not-hex", 1, new float[D]))));
            assertThrows(IllegalArgumentException.class, () -> index.putSubject(uid(1), OPEN,
                    List.of(new IndexedReference("0".repeat(32), 1, new float[3]))));
            Random random = new Random(1);
            index.putSubject(uid(1), OPEN, List.of(new IndexedReference(referenceId(random), 1, unit(random))));
            assertThrows(IllegalArgumentException.class, () -> index.search(v -> new float[3], 1, 0, POOL));
            assertThrows(IllegalArgumentException.class, () -> index.search(v -> unit(random), 0, 0, POOL));
        }
    }
}
