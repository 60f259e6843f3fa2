package com.facetrust.infrastructure.face;

import com.facetrust.domain.face.AnalysisOptions;
import com.facetrust.domain.face.FaceAnalysis;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Face engine speed (issue 3 targets: decode + detect + quality + embed of a 640×480 JPEG p50 ≤ 40 ms, p95 ≤ 60 ms;
 * model load ≤ 2 s). Input: the first 20 webcam frames (640×480 JPEG) of pad/nuaa-dev/live, cycled. Sample-time
 * mode gives the percentiles. Bounded run (one fork, 2 × 5 s warm-up, 3 × 5 s measurement per benchmark and
 * parameter; the load benchmark is 5 single shots), about 2 minutes in all:
 * <pre>
 * mvn -o -q -pl ejb test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-Dfacetrust.testdata.dir=$PWD/../shared/testdata -cp %classpath org.openjdk.jmh.Main FaceEngineBenchmark"
 * </pre>
 * Results: docs/performance.md, "Face engine speed".
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FaceEngineBenchmark {
    @Param({"1", "2"})
    public int inferenceThreads;

    FaceEngine engine;
    List<byte[]> frames;
    int next;

    static List<byte[]> frames() throws IOException {
        Path dir = Path.of(System.getProperty("facetrust.testdata.dir", "../../shared/testdata"), "pad/nuaa-dev/live");
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(20).toList()) {
                out.add(Files.readAllBytes(p));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no 640x480 frames in " + dir + " (set -Dfacetrust.testdata.dir)");
        }
        return out;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        frames = frames();
        engine = FaceEngine.fromClasspathModels(EngineConfig.defaults().withInferenceThreads(inferenceThreads));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /** Decode + detect + landmarks + align + pose + eyes + quality + embed, one 640×480 JPEG. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public FaceAnalysis analyze640x480Jpeg() {
        byte[] frame = frames.get(next++ % frames.size());
        return engine.analyze(frame, AnalysisOptions.enrolment());
    }

    /** Loading all models (ONNX sessions, SHA-256 checks): the server's start-up cost. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 5)
    public double loadModels() {
        try (FaceEngine e = FaceEngine.fromClasspathModels(EngineConfig.defaults()
                .withInferenceThreads(inferenceThreads))) {
            return e.loadMillis();
        }
    }
}
