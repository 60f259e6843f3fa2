package com.facetrust.application.gallery;

import com.facetrust.application.protection.MapBackedConfig;
import com.facetrust.application.protection.OpenedTemplateProtection;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import com.facetrust.domain.protection.ApplicationDomain;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.Instance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FaceGalleryService} while its load runs (unit test of that one class: real keys and protector, the stores
 * replaced by {@link SyntheticGalleryStore}, the server's executor by a plain pool). The load at start runs in the
 * background: identification answers GALLERY_UNAVAILABLE until it is published, and subjects changed while it runs
 * — after it read its snapshot — end up as the stores say, not as the snapshot said (no change lost).
 */
class FaceGalleryServiceLoadTest {
    private static final float[] PROBE = SyntheticGalleryStore.randomUnitVector(new java.util.Random(1));

    @TempDir
    Path dir;

    private ExecutorService pool;
    private TemplateProtectionService keys;
    private ApplicationDomain domain;
    private SyntheticGalleryStore store;
    private FaceGalleryService gallery;
    /** Closed: the next page request of the load waits until the test opens it. */
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch waiting = new CountDownLatch(1);

    @BeforeEach
    void setUp() {
        pool = Executors.newFixedThreadPool(4);
        domain = ApplicationDomain.of("default");
        keys = OpenedTemplateProtection.open(ParallelGalleryLoadTest.config(dir, domain));
        store = new SyntheticGalleryStore(keys.keyStore(), keys.protector(), keys.pseudonymizer(), 5);
        for (int i = 0; i < 120; i++) {
            store.addSubject(domain, 1 + i % 2, true);
        }
        GalleryStoreReader real = store.reader();
        gallery = new FaceGalleryService();
        gallery.keys = keys;
        gallery.reader = new GalleryStoreReader() {
            @Override
            public EligiblePage eligibleSubjectsAfter(long afterSubjectId, int max, java.time.Instant now) {
                return real.eligibleSubjectsAfter(afterSubjectId, max, now);
            }

            @Override
            public java.util.Optional<Long> eligibleSubject(String uid, java.time.Instant now) {
                return real.eligibleSubject(uid, now);
            }

            @Override
            public List<StoredRow> referencesAfter(long afterId, int max) {
                waiting.countDown();
                try {
                    assertTrue(gate.await(20, TimeUnit.SECONDS), "the test never opened the gate");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.referencesAfter(afterId, max);
            }

            @Override
            public List<StoredRow> referencesOf(String pseudonym) {
                return real.referencesOf(pseudonym);
            }

            @Override
            public long referenceCount() {
                return real.referenceCount();
            }
        };
        Map<String, String> settings = new HashMap<>(Map.of(
                "facetrust.gallery.load-threads", "3",
                "facetrust.gallery.load-page-size", "25",
                "facetrust.gallery.background-load-above", "0"));
        gallery.config = new MapBackedConfig(settings);
        gallery.clock = Clock.systemUTC();
        gallery.securityEvents = instance((SecurityEventLog) (code, action, target, detail) -> { });
        gallery.auditLog = instance(null);
        gallery.executor = managed(pool);
    }

    @AfterEach
    void tearDown() {
        gate.countDown();
        gallery.stop();
        pool.shutdownNow();
    }

    @Test
    void identificationIsUnavailableWhileTheStartLoadRunsAndChangesMeanwhileAreKept() throws Exception {
        gate = new CountDownLatch(1);
        gallery.start(); // returns at once (more rows than background-load-above): the load goes on in the pool
        assertTrue(waiting.await(20, TimeUnit.SECONDS), "the load reached its first page");
        // The load has its snapshot of eligible subjects and reads no row until the gate opens.
        FaceTrustException notYet = assertThrows(FaceTrustException.class, () -> gallery.search(domain, PROBE, 5));
        assertEquals(FailureCode.GALLERY_UNAVAILABLE, notYet.failureCode());
        assertEquals("LOADING", gallery.loadStatus().state());

        // Committed during the load: a new identifiable subject (not in the snapshot), and a subject whose
        // identification consent was withdrawn (in the snapshot, its rows still stored).
        String enrolled = store.addSubject(domain, 2, true);
        gallery.apply(FaceDataChanged.subject(enrolled, "enrolment"));
        String withdrawn = store.eligibleSubjects().keySet().stream().filter(u -> !u.equals(enrolled))
                .findFirst().orElseThrow();
        store.setEligible(withdrawn, false);
        gallery.apply(FaceDataChanged.subject(withdrawn, "consent-withdrawn"));

        gate.countDown();
        awaitReady();
        assertTrue(gallery.contains(domain, enrolled), "enrolled during the load: searchable after it");
        assertFalse(gallery.contains(domain, withdrawn), "withdrawn during the load: never searchable again");
        assertEquals(store.eligibleSubjects().size(), gallery.subjects(domain));
        assertEquals(5, gallery.search(domain, PROBE, 5).size());
        FaceGalleryService.LoadStatus status = gallery.loadStatus();
        assertEquals(store.size(), status.rowsDone());
    }

    @Test
    void duringAReloadChangesApplyAtOnceAndSurviveThePublish() throws Exception {
        gallery.start();
        awaitReady();
        String leaving = store.eligibleSubjects().keySet().iterator().next();
        assertTrue(gallery.contains(domain, leaving));

        gate = new CountDownLatch(1);
        waiting = new CountDownLatch(1);
        CompletableFuture<FaceGalleryService.LoadReport> reload = CompletableFuture.supplyAsync(gallery::reload);
        assertTrue(waiting.await(20, TimeUnit.SECONDS));
        store.setEligible(leaving, false);
        String arriving = store.addSubject(domain, 1, true);
        gallery.apply(FaceDataChanged.subject(leaving, "deregistered"));
        gallery.apply(FaceDataChanged.subject(arriving, "enrolment"));
        // Searches keep using the published gallery, which has the changes already.
        assertFalse(gallery.contains(domain, leaving));
        assertTrue(gallery.contains(domain, arriving));
        assertEquals("READY", gallery.loadStatus().state());

        gate.countDown();
        FaceGalleryService.LoadReport report = reload.get(30, TimeUnit.SECONDS);
        assertEquals(3, report.threads());
        assertFalse(gallery.contains(domain, leaving), "the reload read the old snapshot; the change won");
        assertTrue(gallery.contains(domain, arriving));
        assertEquals(store.eligibleSubjects().size(), gallery.subjects(domain));
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"READY".equals(gallery.loadStatus().state())) {
            assertTrue(System.nanoTime() < deadline, "load did not finish: " + gallery.loadStatus());
            Thread.sleep(20);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Instance<T> instance(T value) {
        return (Instance<T>) Proxy.newProxyInstance(FaceGalleryServiceLoadTest.class.getClassLoader(),
                new Class<?>[] {Instance.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> {
                        if (value == null) {
                            throw new IllegalStateException("unsatisfied");
                        }
                        yield value;
                    }
                    case "isResolvable" -> value != null;
                    case "isUnsatisfied" -> value == null;
                    case "isAmbiguous" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The server's managed executor stood in for by a plain pool (only the ExecutorService methods are used). */
    private static ManagedExecutorService managed(ExecutorService pool) {
        return (ManagedExecutorService) Proxy.newProxyInstance(FaceGalleryServiceLoadTest.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
