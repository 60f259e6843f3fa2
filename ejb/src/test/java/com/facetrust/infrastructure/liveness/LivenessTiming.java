package com.facetrust.infrastructure.liveness;

import com.facetrust.domain.liveness.LivenessChallenge;
import com.facetrust.infrastructure.face.EngineConfig;
import com.facetrust.infrastructure.face.FaceEngine;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wall-clock AND process CPU time of 3 s challenges judged as the server does (companion of
 * {@link LivenessBenchmark}): on this shared 2-core machine the wall clock mostly measures the other processes, so
 * the CPU the judgement itself burns is reported next to it, with the load average before and after. Bounded: for
 * each clip and each setup (frame threads × inference threads) 2 warm-up and {@code runs} measured challenges.
 * <pre>
 * mvn -o -q -pl ejb -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/ejb.cp -Dmdep.includeScope=test
 * java -Dfacetrust.testdata.dir=$PWD/../shared/testdata \
 *   -cp ejb/target/test-classes:ejb/target/classes:$(cat /tmp/ejb.cp) com.facetrust.infrastructure.liveness.LivenessTiming 10
 * </pre>
 * {@code LivenessTiming single}: the single-frame check as the server runs it ({@code LivenessEngine.judgeImage}:
 * decode, detect + landmarks, liveness model with the mirror only near the threshold) on every nuaa-dev frame, one
 * inference thread, wall and thread CPU per frame, after 20 warm-up frames.
 */
public final class LivenessTiming {

    private LivenessTiming() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("profile")) {
            profile(args.length > 1 ? args[1] : "lp-d9");
            return;
        }
        if (args.length > 0 && args[0].equals("single")) {
            single();
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<String> clips = List.of("lp-d9", "lp-d12", "zubair-real");
        List<int[]> setups = List.of(new int[] {1, 2}, new int[] {2, 1}, new int[] {2, 2});
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "load average at start %.1f, %d processors%n", os.getSystemLoadAverage(),
                os.getAvailableProcessors());
        System.out.println("setup,clip,runs,wall_p50_ms,wall_p95_ms,wall_max_ms,cpu_p50_ms,cpu_p95_ms,load_after");
        for (int[] setup : setups) {
            try (FaceEngine engine = FaceEngine.fromClasspathModels(
                    EngineConfig.defaults().withInferenceThreads(setup[1]))) {
                ExecutorService pool = setup[0] > 1 ? Executors.newFixedThreadPool(setup[0]) : null;
                LivenessEngine liveness = new LivenessEngine(engine,
                        new InMemoryChallengeStore(InMemoryChallengeStore.Config.defaults()),
                        LivenessEngine.Config.defaults(), pool);
                for (String clip : clips) {
                    List<byte[]> frames = LivenessBenchmark.read(LivenessBenchmark.testdata("video", "live", clip), 45);
                    long[] ts = LivenessTestData.at15fps(45);
                    double[] wall = new double[runs];
                    double[] cpu = new double[runs];
                    for (int i = -2; i < runs; i++) {
                        Instant now = Instant.now();
                        LivenessChallenge c = liveness.issueActiveChallenge(2, now);
                        long c0 = os.getProcessCpuTime();
                        long w0 = System.nanoTime();
                        liveness.judgeChallenge(c.nonce(), frames, ts, now);
                        long w1 = System.nanoTime();
                        long c1 = os.getProcessCpuTime();
                        if (i >= 0) {
                            wall[i] = (w1 - w0) / 1e6;
                            cpu[i] = (c1 - c0) / 1e6;
                        }
                    }
                    System.out.printf(Locale.ROOT, "%dx%d,%s,%d,%.0f,%.0f,%.0f,%.0f,%.0f,%.1f%n", setup[0], setup[1],
                            clip, runs, pct(wall, 50), pct(wall, 95), pct(wall, 100), pct(cpu, 50), pct(cpu, 95),
                            os.getSystemLoadAverage());
                }
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
        }
    }

    static void single() throws Exception {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "load average at start %.1f%n", os.getSystemLoadAverage());
        try (FaceEngine engine = FaceEngine.fromClasspathModels(EngineConfig.defaults().withInferenceThreads(1))) {
            LivenessEngine liveness = new LivenessEngine(engine,
                    new InMemoryChallengeStore(InMemoryChallengeStore.Config.defaults()),
                    LivenessEngine.Config.defaults(), null);
            for (String folder : List.of("live", "attack-print")) {
                java.nio.file.Path dir = LivenessBenchmark.testdata("pad", "nuaa-dev", folder);
                List<java.nio.file.Path> files;
                try (var s = java.nio.file.Files.list(dir)) {
                    files = s.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
                }
                for (int i = 0; i < 20; i++) {
                    liveness.judgeImage(java.nio.file.Files.readAllBytes(files.get(i)));
                }
                double[] wall = new double[files.size()];
                double[] cpu = new double[files.size()];
                for (int i = 0; i < files.size(); i++) {
                    byte[] bytes = java.nio.file.Files.readAllBytes(files.get(i));
                    long c0 = threads.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    liveness.judgeImage(bytes);
                    wall[i] = (System.nanoTime() - w0) / 1e6;
                    cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                }
                System.out.printf(Locale.ROOT, "%s: n=%d wall p50 %.1f p95 %.1f ms, CPU p50 %.1f p95 %.1f ms, load %.1f%n",
                        folder, files.size(), pct(wall, 50), pct(wall, 95), pct(cpu, 50), pct(cpu, 95),
                        os.getSystemLoadAverage());
            }
        }
    }

    /**
     * CPU time of each stage on the calling thread (one inference thread, no executor), summed over the 45 frames of
     * a clip, 3 passes after one warm-up: where a challenge's CPU goes, independent of the machine's load.
     */
    static void profile(String clip) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (FaceEngine engine = FaceEngine.fromClasspathModels(EngineConfig.defaults().withInferenceThreads(1))) {
            PassiveLivenessModel passive = new PassiveLivenessModel(engine.model(PassiveLivenessModel.MODEL_FILE));
            List<byte[]> frames = LivenessBenchmark.read(LivenessBenchmark.testdata("video", "live", clip), 45);
            java.util.Map<String, Long> cpu = new java.util.LinkedHashMap<>();
            for (int pass = 0; pass < 4; pass++) {
                for (byte[] f : frames) {
                    long t0 = threads.getCurrentThreadCpuTime();
                    try (com.facetrust.infrastructure.face.OpenCvImage img = engine.decode(f).image()) {
                        long t1 = threads.getCurrentThreadCpuTime();
                        var candidates = engine.detectCandidates(img);
                        long t2 = threads.getCurrentThreadCpuTime();
                        var faces = engine.detectFaces(img); // detector again + landmarks: landmarks = t3-t2-(t2-t1)
                        long t3 = threads.getCurrentThreadCpuTime();
                        var face = faces.get(0);
                        engine.estimatePose(img, face);
                        long t4 = threads.getCurrentThreadCpuTime();
                        try (var aligned = engine.align(img, face.alignmentPoints())) {
                            engine.embedAligned(aligned).wipe();
                        }
                        long t5 = threads.getCurrentThreadCpuTime();
                        passive.liveProbability(img, face.box());
                        long t6 = threads.getCurrentThreadCpuTime();
                        LivenessFrameAnalyzer.skinColour(img.mat(), face.landmarks());
                        LivenessFrameAnalyzer.sharpness(img.mat(), face.box());
                        long t7 = threads.getCurrentThreadCpuTime();
                        if (pass > 0) {
                            cpu.merge("decode", t1 - t0, Long::sum);
                            cpu.merge("detector", t2 - t1, Long::sum);
                            cpu.merge("landmarks(all faces)", (t3 - t2) - (t2 - t1), Long::sum);
                            cpu.merge("pose", t4 - t3, Long::sum);
                            cpu.merge("align+embedding", t5 - t4, Long::sum);
                            cpu.merge("passive model", t6 - t5, Long::sum);
                            cpu.merge("skin+sharpness", t7 - t6, Long::sum);
                            cpu.merge("faces", (long) candidates.size(), Long::sum);
                        }
                    }
                }
            }
            int n = 3 * frames.size();
            cpu.forEach((k, v) -> System.out.printf(Locale.ROOT, "%s,%s%n", k,
                    k.equals("faces") ? String.format(Locale.ROOT, "%.2f per frame", v / (double) n)
                            : String.format(Locale.ROOT, "%.2f ms per frame", v / 1e6 / n)));
        }
    }

    static double pct(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int idx = (int) Math.ceil(p / 100 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, idx))];
    }
}
