package com.facetrust.application.enrolment;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.Embedding;
import com.facetrust.domain.face.FaceAnalysis;
import com.facetrust.domain.face.QualityProfile;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.infrastructure.face.CalibratedThresholds;
import com.facetrust.infrastructure.face.EngineConfig;
import com.facetrust.infrastructure.face.FaceEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live-face tie's default (facetrust.enrolment.liveness-match-far = 1e-3, {@link LiveFaceMatch}) measured on
 * ../shared/testdata with the real engine, as enrolment computes it: the live face is the first frame of a clip
 * analysed like a verification probe; the faces to enrol are analysed under the enrolment profile (only those it
 * accepts count — the others would be refused anyway).
 * <ul>
 * <li>genuine, same session: first frame vs 10 later frames spread over each of the 8 live clips (what
 *     "images + evidence" from one capture and "evidence only" enrol);</li>
 * <li>genuine, other capture: zubair-real's first frame vs frames of zubair-fake (the same person's face shown on a
 *     phone screen — the nearest thing to "a photo of the same person" the data has), and deepface's genuine photo
 *     pairs (photos of one person taken at different times, the cross-session case);</li>
 * <li>impostor: each clip's first frame vs the other clips' frames and vs the 61 deepface photos.</li>
 * </ul>
 * docs/performance.md "Enrolment: live face tie" reports the printed figures.
 */
class LiveFaceMatchOnTestdataTest {
    private static final AnalysisOptions ENROLMENT =
            new AnalysisOptions(QualityProfile.enrolment(), true, true);
    private static final int FRAMES_PER_CLIP = 10;

    private static FaceEngine engine;
    private static Path testdata;

    @BeforeAll
    static void load() {
        String root = System.getProperty("facetrust.testdata.dir");
        assumeTrue(root != null && Files.isDirectory(Path.of(root, "video", "live")),
                "test images absent (facetrust.testdata.dir -> ../shared/testdata): skipped");
        testdata = Path.of(root);
        engine = FaceEngine.fromClasspathModels(EngineConfig.defaults());
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theDefaultThresholdAcceptsTheSamePersonAndRefusesOthers() {
        LiveFaceMatch tie = LiveFaceMatch.forTargetFar(LiveFaceMatch.DEFAULT_FAR, CalibratedThresholds.fromClasspath());
        Map<String, Embedding> live = new LinkedHashMap<>();
        Map<String, List<Embedding>> later = new LinkedHashMap<>();
        for (Path clip : dirs(testdata.resolve("video/live"))) {
            List<Path> frames = files(clip);
            live.put(clip.getFileName().toString(), embedding(frames.get(0), AnalysisOptions.verification()));
            List<Embedding> sampled = new ArrayList<>();
            for (int i = 1; i <= FRAMES_PER_CLIP; i++) {
                Embedding e = embedding(frames.get(i * (frames.size() - 1) / FRAMES_PER_CLIP), ENROLMENT);
                if (e != null) {
                    sampled.add(e);
                }
            }
            later.put(clip.getFileName().toString(), sampled);
        }
        assertEquals(8, live.size(), "eight live clips");
        assertTrue(live.values().stream().allMatch(java.util.Objects::nonNull), "every first frame has a face");

        List<Double> sameSession = new ArrayList<>();
        List<Double> impostorClips = new ArrayList<>();
        live.forEach((name, l) -> later.forEach((other, es) -> es.forEach(e ->
                (name.equals(other) ? sameSession : impostorClips).add(l.cosine(e)))));

        List<Embedding> photos = new ArrayList<>();
        List<String> photoIds = new ArrayList<>();
        for (Path id : dirs(testdata.resolve("faces/deepface"))) {
            for (Path f : files(id)) {
                Embedding e = embedding(f, ENROLMENT);
                if (e != null) {
                    photos.add(e);
                    photoIds.add(id.getFileName().toString());
                }
            }
        }
        List<Double> impostorPhotos = new ArrayList<>();
        live.values().forEach(l -> photos.forEach(p -> impostorPhotos.add(l.cosine(p))));
        List<Double> photoGenuine = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            for (int j = i + 1; j < photos.size(); j++) {
                if (photoIds.get(i).equals(photoIds.get(j))) {
                    photoGenuine.add(photos.get(i).cosine(photos.get(j)));
                }
            }
        }
        List<Double> replayOfSamePerson = new ArrayList<>();
        List<Path> fake = files(testdata.resolve("video/attack-replay/zubair-fake"));
        for (int i = 0; i < FRAMES_PER_CLIP; i++) {
            // Analysed like a probe: the phone's small, glossy face fails the enrolment profile on every frame.
            Embedding e = embedding(fake.get(i * (fake.size() - 1) / (FRAMES_PER_CLIP - 1)),
                    AnalysisOptions.verification());
            if (e != null) {
                replayOfSamePerson.add(live.get("zubair-real").cosine(e));
            }
        }

        double t = tie.threshold();
        System.out.printf(Locale.ROOT, "live-face tie: target FAR %.0e -> threshold %.4f (%s)%n", tie.targetFar(), t,
                tie.conservative() ? "conservative" : "point");
        for (Map.Entry<String, List<Embedding>> clip : later.entrySet()) {
            System.out.printf(Locale.ROOT, "  %s: %d later frames accepted by the enrolment profile, lowest cosine "
                    + "to frame 1 %.3f%n", clip.getKey(), clip.getValue().size(), clip.getValue().stream()
                    .mapToDouble(e -> live.get(clip.getKey()).cosine(e)).min().orElse(Double.NaN));
        }
        report("genuine, same session (first frame vs later frames of its clip)", sameSession, t);
        report("genuine, other capture (zubair-real frame 1 vs zubair-fake phone-screen frames)",
                replayOfSamePerson, t);
        report("genuine, deepface photo pairs (different times)", photoGenuine, t);
        report("impostor, first frame vs other clips' frames", impostorClips, t);
        report("impostor, first frame vs deepface photos", impostorPhotos, t);

        assertTrue(sameSession.size() >= 50, "enough same-session pairs: " + sameSession.size());
        assertEquals(0, below(sameSession, t), "a same-session capture of the same person matches");
        assertEquals(0, atOrAbove(impostorClips, t), "another person's live frames never match");
        assertEquals(0, atOrAbove(impostorPhotos, t), "another person's photo never matches");
        assertTrue(min(sameSession) > max(impostorClips) && min(sameSession) > max(impostorPhotos),
                "same-session genuine and impostor scores are separated");
    }

    private static void report(String what, List<Double> scores, double t) {
        if (scores.isEmpty()) {
            System.out.println("  " + what + ": no pairs");
            return;
        }
        List<Double> sorted = scores.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "  %s: %d pairs, min %.3f, median %.3f, max %.3f, at/above threshold %d%n",
                what, sorted.size(), sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1),
                atOrAbove(scores, t));
    }

    private static long atOrAbove(List<Double> s, double t) {
        return s.stream().filter(x -> x >= t).count();
    }

    private static long below(List<Double> s, double t) {
        return s.size() - atOrAbove(s, t);
    }

    private static double min(List<Double> s) {
        return s.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> s) {
        return s.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** The embedding of an image whose face the options accept; null otherwise (no face, several, poor quality). */
    private static Embedding embedding(Path image, AnalysisOptions options) {
        try {
            FaceAnalysis a = engine.analyze(Files.readAllBytes(image), options);
            return a.quality().acceptable() ? a.embedding() : null;
        } catch (FaceTrustException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> dirs(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
