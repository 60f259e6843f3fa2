package com.facetrust.application.gallery;

import com.facetrust.application.protection.MapBackedConfig;
import com.facetrust.application.protection.OpenedTemplateProtection;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.recognition.GalleryCandidate;
import com.facetrust.infrastructure.gallery.GalleryIndex;
import com.facetrust.infrastructure.gallery.SearchSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parallel, paged gallery load (issue 5 start-up time) with real key material: every subject has its own data
 * key in a real file key store under a real PKCS12 master keystore, every reference is a random unit vector protected
 * by the real AES-GCM protector and bound to its row. Checks that several threads build exactly what one thread
 * builds, that a tampered row is reported and left out (the others stay), that the load never reads far ahead of
 * what was opened (bounded memory), that it finishes even when the executor never runs a helper, and that a failure
 * aborts it.
 */
class ParallelGalleryLoadTest {
    private static final ApplicationDomain COUNTER = ApplicationDomain.of("branch-counter");
    private static final ApplicationDomain MOBILE = ApplicationDomain.of("mobile-banking");
    private static final int PAGE = 40;

    @TempDir
    Path dir;

    private TemplateProtectionService keys;
    private SyntheticGalleryStore store;
    private ExecutorService pool;
    private final List<String> alarms = new ArrayList<>();

    @BeforeEach
    void setUp() {
        keys = OpenedTemplateProtection.open(config(dir, COUNTER));
        keys.keyStore().createDomainKeyVersion(MOBILE);
        store = new SyntheticGalleryStore(keys.keyStore(), keys.protector(), keys.pseudonymizer(), 7);
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    static MapBackedConfig config(Path dir, ApplicationDomain domain) {
        return new MapBackedConfig(Map.of(
                "facetrust.protection.master-keystore.path", dir.resolve("master.p12").toString(),
                "facetrust.protection.key-directory", dir.resolve("template-keys").toString(),
                "facetrust.protection.master-keystore.password", "test-only-master-password",
                "facetrust.protection.domain", domain.name()));
    }

    @Test
    void fourThreadsBuildExactlyWhatOneThreadBuilds() {
        fill(300);
        ParallelGalleryLoad.Result one = load(1, pool, null);
        ParallelGalleryLoad.Result four = load(4, pool, null);
        try {
            assertEquals(one.references(), four.references());
            assertEquals(one.rowsRead(), four.rowsRead());
            assertEquals(store.size(), four.rowsRead(), "every row read once");
            assertEquals(one.notEligible(), four.notEligible());
            assertTrue(four.notEligible() > 0 && four.references() > 0);
            assertEquals(0, four.integrityFailures());
            assertEquals(4, four.threads());
            for (ApplicationDomain d : List.of(COUNTER, MOBILE)) {
                GalleryIndex a = one.built().get(d);
                GalleryIndex b = four.built().get(d);
                assertEquals(a.size(), b.size(), d.name());
                assertEquals(a.subjects(), b.subjects(), d.name());
                for (String uid : store.eligibleSubjects().keySet()) {
                    assertEquals(a.contains(uid), b.contains(uid), uid);
                }
                Random random = new Random(11);
                for (int i = 0; i < 25; i++) {
                    float[] probe = SyntheticGalleryStore.randomUnitVector(random);
                    assertEquals(search(a, d, probe), search(b, d, probe), "probe " + i + " in " + d.name());
                }
            }
            int references = four.built().values().stream().mapToInt(GalleryIndex::size).sum();
            assertEquals(four.references(), references);
            // Probed with a stored face's own embedding, its subject comes first at cosine 1: the vectors opened
            // by four threads are the ones enrolled.
            Map<String, ParallelGalleryLoad.Eligible> eligible = store.eligibleByPseudonym();
            int probed = 0;
            for (GalleryStoreReader.StoredRow row : store.allRows()) {
                ParallelGalleryLoad.Eligible subject = eligible.get(row.pseudonym());
                if (subject == null || probed++ > 40) {
                    continue;
                }
                ApplicationDomain d = ApplicationDomain.of(row.domain());
                float[] own = store.embeddingOf(row.referenceId());
                List<GalleryCandidate> found = four.built().get(d).search(
                        v -> keys.protector().transformProbe(own, d, v), 1, System.currentTimeMillis(),
                        Runnable::run);
                assertEquals(subject.uid(), found.get(0).uid(), row.referenceId());
                assertEquals(1.0, found.get(0).score(), 1e-5, row.referenceId());
            }
            assertTrue(probed > 40);
        } finally {
            close(one);
            close(four);
        }
    }

    @Test
    void aTamperedRowIsReportedAndLeftOutTheOthersStay() {
        fill(60);
        String victim = store.eligibleSubjects().keySet().iterator().next();
        GalleryStoreReader.StoredRow row = store.referencesOf(keys.pseudonymizer().pseudonym(victim)).get(0);
        byte[] tampered = row.template().clone();
        tampered[tampered.length - 20] ^= 0x01; // one ciphertext bit
        store.replaceTemplate(row.id(), tampered);
        int victimRows = store.referencesOf(row.pseudonym()).size();

        ParallelGalleryLoad.Result result = load(4, pool, null);
        try {
            assertEquals(1, result.integrityFailures());
            assertEquals(1, alarms.size(), "one ALARM for the one tampered row");
            assertTrue(alarms.get(0).contains(row.referenceId()), alarms.get(0));
            GalleryIndex index = result.built().get(ApplicationDomain.of(row.domain()));
            // The subject's other references (if any) still load; the tampered one never does.
            assertEquals(victimRows > 1, index.contains(victim));
            long eligibleRows = store.allRows().stream()
                    .filter(r -> store.eligibleByPseudonym().containsKey(r.pseudonym())).count();
            assertEquals(eligibleRows - 1, result.references());
        } finally {
            close(result);
        }
    }

    @Test
    void readsAtMostAFewPagesAheadOfWhatWasOpened() {
        fill(200);
        AtomicLong rowsRead = new AtomicLong();
        AtomicInteger opened = new AtomicInteger();
        AtomicLong worstAhead = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<ParallelGalleryLoad> running =
                new java.util.concurrent.atomic.AtomicReference<>();
        int threads = 3;
        StoredRowOpener real = opener();
        ParallelGalleryLoad run = new ParallelGalleryLoad((after, max) -> {
            // rows handed out before this page minus rows already done = what is held in memory now
            worstAhead.accumulateAndGet(rowsRead.get() - running.get().progress().rowsDone(), Math::max);
            List<GalleryStoreReader.StoredRow> page = store.after(after, max);
            rowsRead.addAndGet(page.size());
            return page;
        }, PAGE, row -> {
            opened.incrementAndGet();
            return real.open(row);
        }, store.eligibleByPseudonym(), null, this::newIndex, pool, threads, store.size(), null, null);
        running.set(run);
        close(run.run());
        assertEquals(store.size(), opened.get() + notEligibleRows());
        // at most `threads` pages queued + one page per thread being opened
        assertTrue(worstAhead.get() <= 2L * threads * PAGE, "read ahead " + worstAhead.get() + " rows");
    }

    @Test
    void finishesWhenTheExecutorNeverRunsAHelper() {
        fill(40);
        List<Runnable> neverRun = new ArrayList<>();
        ParallelGalleryLoad.Result result = load(4, neverRun::add, null);
        try {
            assertFalse(neverRun.isEmpty(), "helpers were offered to the executor");
            assertEquals(load(1, pool, null).references(), result.references(),
                    "the calling thread opened every page itself");
        } finally {
            close(result);
        }
        // A rejecting executor: same.
        ParallelGalleryLoad.Result rejected = load(4, task -> {
            throw new java.util.concurrent.RejectedExecutionException("saturated");
        }, null);
        assertTrue(rejected.references() > 0);
        close(rejected);
    }

    @Test
    void aFailureWhileOpeningAbortsTheLoad() {
        fill(120);
        AtomicInteger calls = new AtomicInteger();
        StoredRowOpener real = opener();
        List<GalleryIndex> made = new ArrayList<>();
        ParallelGalleryLoad run = new ParallelGalleryLoad(store::after, PAGE, row -> {
            if (calls.incrementAndGet() == 50) {
                throw new FaceTrustException(FailureCode.KEY_STORE_UNAVAILABLE, "key files unreadable");
            }
            return real.open(row);
        }, store.eligibleByPseudonym(), null, () -> {
            GalleryIndex index = newIndex();
            made.add(index);
            return index;
        }, pool, 4, store.size(), null, null);
        FaceTrustException e = assertThrows(FaceTrustException.class, run::run);
        assertEquals(FailureCode.KEY_STORE_UNAVAILABLE, e.failureCode());
        assertFalse(made.isEmpty());
        assertTrue(made.stream().allMatch(GalleryIndex::isClosed), "what was built is released");
    }

    @Test
    void aCancelledLoadStops() {
        fill(40);
        AtomicInteger pages = new AtomicInteger();
        ParallelGalleryLoad run = new ParallelGalleryLoad((after, max) -> {
            pages.incrementAndGet();
            return store.after(after, max);
        }, 5, opener(), store.eligibleByPseudonym(), null, this::newIndex, pool, 2, store.size(),
                () -> pages.get() >= 3, null);
        assertThrows(IllegalStateException.class, run::run);
        assertEquals(3, pages.get());
    }

    @Test
    void oneDomainOnly() {
        fill(60);
        ParallelGalleryLoad.Result result = new ParallelGalleryLoad(store::after, PAGE, opener(),
                store.eligibleByPseudonym(), MOBILE, this::newIndex, pool, 3, store.size(), null, null).run();
        try {
            assertEquals(List.of(MOBILE), List.copyOf(result.built().keySet()));
            assertEquals(store.size(), result.rowsRead());
        } finally {
            close(result);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** {@code subjects} subjects: most identifiable, some not; 1–3 references; both domains. */
    private void fill(int subjects) {
        Random random = new Random(3);
        for (int i = 0; i < subjects; i++) {
            store.addSubject(i % 5 == 0 ? MOBILE : COUNTER, 1 + random.nextInt(3), i % 7 != 3);
        }
    }

    private long notEligibleRows() {
        Map<String, ParallelGalleryLoad.Eligible> eligible = store.eligibleByPseudonym();
        return store.allRows().stream().filter(r -> !eligible.containsKey(r.pseudonym())).count();
    }

    private ParallelGalleryLoad.Result load(int threads, java.util.concurrent.Executor executor,
                                            ApplicationDomain only) {
        return new ParallelGalleryLoad(store::after, PAGE, opener(), store.eligibleByPseudonym(), only,
                this::newIndex, executor, threads, store.size(), null, null).run();
    }

    private StoredRowOpener opener() {
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        return new StoredRowOpener(keys.protector(), (pseudonym, detail) -> {
            synchronized (alarms) {
                alarms.add(detail);
            }
            seen.put(pseudonym, true);
        });
    }

    private GalleryIndex newIndex() {
        return new GalleryIndex(SyntheticGalleryStore.DIMENSION, SearchSettings.defaults());
    }

    private List<String> search(GalleryIndex index, ApplicationDomain domain, float[] probe) {
        List<GalleryCandidate> found = index.search(v -> keys.protector().transformProbe(probe, domain, v), 10,
                System.currentTimeMillis(), Runnable::run);
        return found.stream().map(c -> c.uid() + "/" + c.referenceId() + "/" + c.score()).toList();
    }

    private static void close(ParallelGalleryLoad.Result result) {
        result.built().values().forEach(GalleryIndex::close);
    }
}
