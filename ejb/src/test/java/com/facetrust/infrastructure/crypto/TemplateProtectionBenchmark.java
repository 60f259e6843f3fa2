package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Cost of template protection per operation, with real keys on disk (temporary directory). Bounded run
 * (one fork, 2 × 1 s warm-up, 3 × 1 s measurement per benchmark; about 40 s in all):
 * <pre>
 * mvn -o -q -pl ejb test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-cp %classpath org.openjdk.jmh.Main TemplateProtectionBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TemplateProtectionBenchmark {
    static final ApplicationDomain DOMAIN = ApplicationDomain.of("bench");
    Path dir;
    ProtectionFixture f;
    float[] reference;
    float[] probe;
    TemplateBinding binding;
    UUID dataKey;
    ProtectedTemplate stored;
    SecretKey domainKey;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("facetrust-protection-bench");
        f = new ProtectionFixture(dir);
        f.keys.createDomainKeyVersion(DOMAIN);
        Random random = new Random(1);
        reference = ProtectionFixture.randomUnitVector(random, 512);
        probe = ProtectionFixture.correlatedUnitVector(random, reference, 0.6);
        dataKey = f.keys.createDataKey();
        binding = new TemplateBinding("bench-pseudonym", "0123456789abcdef0123456789abcdef", DOMAIN);
        stored = f.protector.protect(reference, binding, dataKey);
        domainKey = f.keys.domainKey(DOMAIN, 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Enrolment: transform + read/unwrap the data key + AES-GCM encrypt. */
    @Benchmark
    public ProtectedTemplate protect() {
        return f.protector.protect(reference, binding, dataKey);
    }

    /** Loading a reference: read/unwrap the data key + AES-GCM decrypt and verify. */
    @Benchmark
    public float[] open() {
        return f.protector.open(stored, binding);
    }

    /** Moving a probe into the protected space (one 512×512 matrix-vector product). */
    @Benchmark
    public float[] transformProbe() {
        return f.protector.transformProbe(probe, DOMAIN, 1);
    }

    /** 1:1 verification cost added by protection: open + transform + cosine. */
    @Benchmark
    public double compare() {
        return f.protector.compare(probe, stored, binding);
    }

    /** Deriving one domain transform (once per domain key version per JVM). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 5)
    public OrthogonalDomainTransform deriveTransform() {
        return OrthogonalDomainTransform.derive(domainKey, DOMAIN, 1, 512);
    }
}
