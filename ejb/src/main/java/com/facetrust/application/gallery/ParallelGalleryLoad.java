package com.facetrust.application.gallery;

import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.infrastructure.gallery.GalleryIndex;
import com.facetrust.infrastructure.gallery.IndexedReference;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One load of the 1:N gallery from the biometric store into fresh indexes, opened in parallel (issue 5 "start-up
 * load time"; docs/performance.md "1:N gallery").
 *
 * <p><b>How.</b> The calling thread reads the store in pages by keyset pagination on the row id (each page its own
 * short read, never a whole-table result) and queues them; up to {@code threads - 1} helper tasks on the given
 * executor and the calling thread itself take pages from the queue and open every row of a page (the subject's data
 * key unwrapped, the template's AES-GCM tag and binding checked — D-8.2.4e — the only expensive step) and add it to
 * the per-domain {@link GalleryIndex} being built (thread-safe; nobody searches it until the caller publishes it).
 * At most {@code threads} pages wait in the queue, so memory stays bounded by about {@code 2 × threads × pageSize}
 * rows. Whoever is free takes the next page, the caller included, so the load finishes even when the executor runs
 * none of the helpers (saturated pool or a rejected task): the parallelism is bounded by {@code threads} and never
 * depends on the pool. With {@code threads = 1} it is the plain sequential loop.
 *
 * <p>The result is the same set of references whatever the order in which pages were opened: an index is keyed by
 * subject and reference, and its search orders ties by score, reference id and UID, never by insertion order.
 */
final class ParallelGalleryLoad {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    /** Keyset pagination over the reference rows: up to {@code max} rows with an id above {@code afterId}, by id. */
    @FunctionalInterface
    interface RowPages {
        List<GalleryStoreReader.StoredRow> after(long afterId, int max);
    }

    /**
     * Opens one row with its binding: the vector, or empty for a row that cannot be used but is no attack; throws
     * {@link RowIntegrityFailure} (after raising the alarm) for a row that failed its integrity check; any other
     * exception aborts the load.
     */
    @FunctionalInterface
    interface RowOpener {
        Optional<IndexedReference> open(GalleryStoreReader.StoredRow row);
    }

    /** A subject that may be searched: its UID and the end of its identification consent (epoch millis). */
    record Eligible(String uid, long consentUntil) {
    }

    /** Counts while the load runs (for the log and the status). */
    record Progress(long rowsDone, long rowsExpected, long references, long elapsedMillis) {
        /** Rows opened per second so far. */
        double rate() {
            return elapsedMillis == 0 ? 0 : rowsDone * 1000.0 / elapsedMillis;
        }
    }

    /**
     * What the load built (not yet published) and counted.
     *
     * @param cpuMillis  CPU time of every thread spent opening and indexing (not reading the store)
     * @param readMillis wall time the calling thread spent reading pages
     * @param wallMillis wall time of the whole run (reading and opening)
     */
    record Result(Map<ApplicationDomain, GalleryIndex> built, int references, int rowsRead, int notEligible,
                  int integrityFailures, int unusable, int threads, long cpuMillis, long readMillis,
                  long wallMillis) {
    }

    private final RowPages pages;
    private final int pageSize;
    private final RowOpener opener;
    private final Map<String, Eligible> eligibleByPseudonym;
    private final ApplicationDomain only;
    private final Supplier<GalleryIndex> newIndex;
    private final Executor executor;
    private final int threads;
    private final long rowsExpected;
    private final BooleanSupplier cancelled;
    private final Consumer<Progress> progressLog;

    private final Map<ApplicationDomain, GalleryIndex> built = new ConcurrentHashMap<>();
    private final Queue<List<GalleryStoreReader.StoredRow>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Pages taken from the queue and not finished yet. */
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger helpers = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final LongAdder rowsDone = new LongAdder();
    private final LongAdder references = new LongAdder();
    private final LongAdder notEligible = new LongAdder();
    private final LongAdder integrity = new LongAdder();
    private final LongAdder unusable = new LongAdder();
    private final LongAdder cpuNanos = new LongAdder();
    private volatile long startNanos;

    /**
     * @param only            the one domain to load, or null for all
     * @param rowsExpected    rows the store holds (for the progress log; 0 if unknown)
     * @param cancelled       checked between pages: true stops the load (server shutting down)
     * @param progressLog     called from the calling thread about every 10 s
     */
    ParallelGalleryLoad(RowPages pages, int pageSize, RowOpener opener, Map<String, Eligible> eligibleByPseudonym,
                        ApplicationDomain only, Supplier<GalleryIndex> newIndex, Executor executor, int threads,
                        long rowsExpected, BooleanSupplier cancelled, Consumer<Progress> progressLog) {
        if (pageSize < 1 || threads < 1) {
            throw new IllegalArgumentException("page size and threads must be positive");
        }
        this.pages = Objects.requireNonNull(pages);
        this.pageSize = pageSize;
        this.opener = Objects.requireNonNull(opener);
        this.eligibleByPseudonym = Objects.requireNonNull(eligibleByPseudonym);
        this.only = only;
        this.newIndex = Objects.requireNonNull(newIndex);
        this.executor = executor != null ? executor : Runnable::run;
        this.threads = threads;
        this.rowsExpected = rowsExpected;
        this.cancelled = cancelled != null ? cancelled : () -> false;
        this.progressLog = progressLog != null ? progressLog : p -> { };
    }

    /** Counts so far (any thread). */
    Progress progress() {
        long start = startNanos;
        return new Progress(rowsDone.sum(), rowsExpected, references.sum(),
                start == 0 ? 0 : (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Runs the load in the calling thread (plus helpers). On any failure or cancellation the indexes built so far
     * are closed and the exception is thrown; nothing is published either way — the caller publishes the result.
     */
    Result run() {
        startNanos = System.nanoTime();
        long readNanos = 0;
        int rowsRead = 0;
        long lastLog = startNanos;
        try {
            long after = 0;
            while (true) {
                throwIfFailedOrCancelled();
                long t0 = System.nanoTime();
                List<GalleryStoreReader.StoredRow> page = pages.after(after, pageSize);
                readNanos += System.nanoTime() - t0;
                if (page.isEmpty()) {
                    break;
                }
                after = page.get(page.size() - 1).id();
                rowsRead += page.size();
                queue.add(page);
                queued.incrementAndGet();
                startHelperIfRoom();
                // A full queue: the caller opens pages itself instead of reading more (bounded memory).
                while (queued.get() >= threads) {
                    runOnePage();
                }
                long now = System.nanoTime();
                if (now - lastLog >= PROGRESS_EVERY_NANOS) {
                    lastLog = now;
                    progressLog.accept(progress());
                }
            }
            // Every page read: help with the rest, then wait for the helpers' last pages.
            while (runOnePage() || inProgress.get() > 0 || queued.get() > 0) {
                if (inProgress.get() > 0 && queued.get() == 0) {
                    LockSupport.parkNanos(200_000);
                }
            }
            throwIfFailedOrCancelled();
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            queue.clear();
            queued.set(0);
            while (inProgress.get() > 0) {
                LockSupport.parkNanos(200_000); // helpers finish their page before anything is closed
            }
            built.values().forEach(GalleryIndex::close);
            throw e;
        }
        return new Result(new HashMap<>(built), (int) references.sum(), rowsRead, (int) notEligible.sum(),
                (int) integrity.sum(), (int) unusable.sum(), threads, cpuNanos.sum() / 1_000_000,
                readNanos / 1_000_000, (System.nanoTime() - startNanos) / 1_000_000);
    }

    private void throwIfFailedOrCancelled() {
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error err) {
            throw err;
        }
        if (cancelled.getAsBoolean()) {
            throw new IllegalStateException("the gallery load was cancelled");
        }
    }

    private void startHelperIfRoom() {
        while (true) {
            int running = helpers.get();
            if (running >= threads - 1 || queued.get() == 0) {
                return;
            }
            if (helpers.compareAndSet(running, running + 1)) {
                try {
                    executor.execute(this::help);
                } catch (RejectedExecutionException e) {
                    helpers.decrementAndGet(); // the caller opens the pages itself
                }
                return;
            }
        }
    }

    /** A helper task: opens pages while there are any, then ends. */
    private void help() {
        try {
            while (failure.get() == null && runOnePage()) {
                // next page
            }
        } finally {
            helpers.decrementAndGet();
        }
        if (failure.get() == null) {
            startHelperIfRoom(); // a page queued between the last poll and the decrement
        }
    }

    /** Takes one page from the queue and opens it; false when the queue was empty. */
    private boolean runOnePage() {
        inProgress.incrementAndGet();
        try {
            List<GalleryStoreReader.StoredRow> page = queue.poll();
            if (page == null) {
                return false;
            }
            queued.decrementAndGet();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            try {
                for (GalleryStoreReader.StoredRow row : page) {
                    if (failure.get() != null) {
                        return false;
                    }
                    openRow(row);
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                return false;
            } finally {
                cpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpu0);
            }
            return true;
        } finally {
            inProgress.decrementAndGet();
        }
    }

    private void openRow(GalleryStoreReader.StoredRow row) {
        rowsDone.increment();
        if (only != null && !only.name().equals(row.domain())) {
            return;
        }
        Eligible subject = eligibleByPseudonym.get(row.pseudonym());
        if (subject == null) {
            notEligible.increment();
            return;
        }
        Optional<IndexedReference> opened;
        try {
            opened = opener.open(row);
        } catch (RowIntegrityFailure e) {
            integrity.increment();
            return;
        }
        if (opened.isEmpty()) {
            unusable.increment();
            return;
        }
        IndexedReference ref = opened.get();
        try {
            built.computeIfAbsent(ApplicationDomain.of(row.domain()), d -> newIndex.get())
                    .append(subject.uid(), subject.consentUntil(), ref);
            references.increment();
        } finally {
            Arrays.fill(ref.vector(), 0f);
        }
    }
}
