package com.facetrust.infrastructure.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How long a KEK rotation takes per stored key, and what it costs a concurrent enrolment (a new data key): real
 * PKCS12 keystore and key files in a temporary directory, N data keys (argument, default 20 000), batches of 500.
 * Prints the time of each step, the re-wrap rate, and the latency of {@code createDataKey} (p50 / p99) from a second
 * thread making one key every 10 ms (an enrolment stream) before and during the re-wrap. Run (from the project root):
 * <pre>
 * mvn -o -q -pl ejb test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.facetrust.infrastructure.crypto.KekRotationMeasurement -Dexec.args="20000"
 * </pre>
 * Timings are from one run on a shared machine: indications, not benchmarks.
 */
public final class KekRotationMeasurement {

    private KekRotationMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path dir = Files.createTempDirectory("kek-rotation-measurement");
        try {
            ProtectionFixture f = new ProtectionFixture(dir);
            long t0 = System.nanoTime();
            for (int i = 0; i < keys; i++) {
                f.keys.createDataKey();
            }
            double createMs = ms(t0);
            double[] before = enrolmentLatencies(f, 200, null, 10);

            KekRotation rotation = new KekRotation(f.masterConfig, f.keys, null);
            long t1 = System.nanoTime();
            int target = rotation.begin();
            double beginMs = ms(t1);
            AtomicBoolean rewrapping = new AtomicBoolean(true);
            List<Double> during = new ArrayList<>();
            Thread enrolment = new Thread(() -> {
                for (double d : enrolmentLatencies(f, Integer.MAX_VALUE, rewrapping, 10)) {
                    during.add(d);
                }
            });
            enrolment.start();
            long t2 = System.nanoTime();
            FileTemplateKeyStore.RewrapBatch total = rotation.rewrap(target, 500, null);
            double rewrapMs = ms(t2);
            rewrapping.set(false);
            enrolment.join();
            long t3 = System.nanoTime();
            rotation.finish(target);
            double finishMs = ms(t3);

            double[] duringArr = during.stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf("keys %d (+%d created during the re-wrap), created in %.0f ms%n", keys,
                    duringArr.length, createMs);
            System.out.printf("begin (add KEK, reopen, switch) %.0f ms; re-wrap %d keys in %.0f ms = %.0f keys/s "
                    + "(batches of 500); finish (census of %d headers, remove old KEK) %.0f ms%n", beginMs,
                    total.rewrapped(), rewrapMs, total.rewrapped() / (rewrapMs / 1000), keys + duringArr.length,
                    finishMs);
            System.out.printf("createDataKey before: p50 %.2f ms, p99 %.2f ms (n=%d); during the re-wrap: p50 %.2f ms,"
                    + " p99 %.2f ms (n=%d)%n", pct(before, 50), pct(before, 99), before.length, pct(duringArr, 50),
                    pct(duringArr, 99), duringArr.length);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One new data key every {@code pauseMs} (an enrolment stream of up to 100/s), timed. */
    private static double[] enrolmentLatencies(ProtectionFixture f, int max, AtomicBoolean whileTrue, long pauseMs) {
        List<Double> out = new ArrayList<>();
        while (out.size() < max && (whileTrue == null || whileTrue.get())) {
            long t = System.nanoTime();
            f.keys.createDataKey();
            out.add(ms(t));
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static double pct(double[] values, int p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
