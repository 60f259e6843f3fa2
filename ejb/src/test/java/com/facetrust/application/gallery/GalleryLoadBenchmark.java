package com.facetrust.application.gallery;

import com.facetrust.application.protection.OpenedTemplateProtection;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.infrastructure.gallery.GalleryIndex;
import com.facetrust.infrastructure.gallery.SearchSettings;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Start-up load benchmark without the database (docs/performance.md, "Start-up load in the server"): N subjects with
 * a data key each in a real file key store and one random unit vector protected by the real protector, rows kept in
 * memory; then the gallery load ({@link ParallelGalleryLoad} with the server's {@link StoredRowOpener}) with 1 and 2
 * threads, and the CPU of one row split into data-key unwrap, template open and index append. What the in-server
 * benchmark ({@code FaceGalleryIT.loadBenchmark}) adds is the store read. Not a unit test (run by hand):
 * <pre>
 * java -cp ejb/target/classes:ejb/target/test-classes:$(cat /tmp/cp.txt) \
 *   com.facetrust.application.gallery.GalleryLoadBenchmark 10000 100000
 * </pre>
 */
public final class GalleryLoadBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private GalleryLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("gallery-load-bench");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            ApplicationDomain domain = ApplicationDomain.of("default");
            TemplateProtectionService keys = OpenedTemplateProtection.open(ParallelGalleryLoadTest.config(dir,
                    domain));
            SyntheticGalleryStore store = new SyntheticGalleryStore(keys.keyStore(), keys.protector(),
                    keys.pseudonymizer(), 1);
            for (String arg : args) {
                int n = Integer.parseInt(arg);
                long t0 = System.nanoTime();
                while (store.size() < n) {
                    store.addSubject(domain, 1, true);
                }
                System.out.printf(Locale.ROOT, "LOAD-BENCH n=%d seeded in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
                Map<String, ParallelGalleryLoad.Eligible> eligible = store.eligibleByPseudonym();
                parts(keys, store.allRows().subList(0, Math.min(n, 5000)));
                for (int threads : new int[] {1, 2, 1, 2}) {
                    long w0 = System.nanoTime();
                    ParallelGalleryLoad.Result r = new ParallelGalleryLoad(store::after, 500,
                            new StoredRowOpener(keys.protector(), (p, d) -> { }), eligible, null,
                            () -> new GalleryIndex(512, SearchSettings.defaults()), pool, threads, n, null,
                            null).run();
                    double wall = (System.nanoTime() - w0) / 1e6;
                    System.out.printf(Locale.ROOT, "LOAD-BENCH n=%d threads=%d wall=%.0f ms rate=%.0f rows/s "
                                    + "cpu=%d ms (%.1f us/row) load=%.2f%n", n, threads, wall,
                            r.rowsRead() * 1000.0 / wall, r.cpuMillis(), r.cpuMillis() * 1000.0 / r.rowsRead(),
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                    r.built().values().forEach(GalleryIndex::close);
                }
            }
        } finally {
            pool.shutdownNow();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** CPU per row of each step, one thread: data-key unwrap (file read + KEK unwrap), whole open, index append. */
    private static void parts(TemplateProtectionService keys, List<GalleryStoreReader.StoredRow> rows) {
        long c0 = CPU.getCurrentThreadCpuTime();
        for (GalleryStoreReader.StoredRow row : rows) {
            keys.keyStore().dataKey(ProtectedTemplate.decode(row.template()).dataKeyId());
        }
        long unwrap = CPU.getCurrentThreadCpuTime() - c0;
        StoredRowOpener opener = new StoredRowOpener(keys.protector(), (p, d) -> { });
        GalleryIndex index = new GalleryIndex(512, SearchSettings.defaults());
        long open = 0;
        long append = 0;
        for (GalleryStoreReader.StoredRow row : rows) {
            long a = CPU.getCurrentThreadCpuTime();
            var ref = opener.open(row).orElseThrow();
            long b = CPU.getCurrentThreadCpuTime();
            index.append(row.pseudonym(), Long.MAX_VALUE, ref);
            append += CPU.getCurrentThreadCpuTime() - b;
            open += b - a;
        }
        index.close();
        System.out.printf(Locale.ROOT, "LOAD-BENCH per row (%d rows, one thread): data-key unwrap %.1f us, whole "
                        + "open %.1f us, index append %.1f us%n", rows.size(), unwrap / 1e3 / rows.size(),
                open / 1e3 / rows.size(), append / 1e3 / rows.size());
    }
}
