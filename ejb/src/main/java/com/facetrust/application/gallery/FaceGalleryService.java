package com.facetrust.application.gallery;

import com.facetrust.application.lifecycle.StoreSchemaMigration;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.SubjectPseudonymizer;
import com.facetrust.domain.protection.TemplateProtector;
import com.facetrust.domain.recognition.FaceGallery;
import com.facetrust.domain.recognition.GalleryCandidate;
import com.facetrust.infrastructure.gallery.GalleryIndex;
import com.facetrust.infrastructure.gallery.IndexedReference;
import com.facetrust.infrastructure.gallery.SearchSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The 1:N gallery of every application domain (A-5.7.2, issue 5 "Gallery for 1:N").
 *
 * <p><b>What is in memory.</b> Per domain a {@link GalleryIndex}: the opened (integrity-checked) protected-space
 * vectors of every subject that is ACTIVE and has an effective FACE_IDENTIFICATION consent — identification is a
 * purpose of its own (C-6.1.1) — keyed by UID. Never an image, never an original embedding: the vectors are already
 * under the domain's keyed transform, and probes are moved into the same space per key version.
 *
 * <p><b>When it changes.</b> Loaded at start (every row opened with its binding; a row that fails its integrity
 * check is left out and raises an ALARM, the load goes on). Afterwards only through {@link FaceDataChanged} events,
 * observed after the firing transaction committed; each re-reads the committed state of the subject (or reloads the
 * domain / everything), under one lock so two changes of one subject apply in commit order. A change that cannot be
 * re-read (store down) removes the subject (fail closed: it answers NO_MATCH, never a deleted match) and is retried
 * with the next change or {@link #reload()}.
 *
 * <p><b>A crash</b> loses nothing: the stores are the truth and the next start loads them again.
 *
 * <p>Access control is the recognition service's (role identify); this bean is reachable only in-process.
 *
 * <p>Configuration (MicroProfile Config): {@code facetrust.gallery.exact-scan-limit} [200000] templates per key
 * version searched with the provably exact int8 + re-rank scan, above it the sign-sketch prefilter keeps
 * {@code facetrust.gallery.sketch-fraction} [0.05] (at least {@code facetrust.gallery.sketch-minimum} [4096]);
 * {@code facetrust.gallery.search-threads} [processors]; {@code facetrust.gallery.parallel-threshold} [16384];
 * {@code facetrust.gallery.max-candidates} [100]; {@code facetrust.gallery.load-page-size} [500];
 * {@code facetrust.gallery.load-threads} [processors] threads opening templates while loading;
 * {@code facetrust.gallery.background-load-above} [50000] reference rows above which the start-up load runs in the
 * background (identification answers FT-5006 meanwhile) instead of before the deployment ends.
 */
@Singleton(name = FaceGalleryService.NAME)
@Startup
@DependsOn({TemplateProtectionService.NAME, StoreSchemaMigration.NAME})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@Local(FaceGallery.class)
@LocalBean
@PermitAll
public class FaceGalleryService implements FaceGallery {
    public static final String NAME = "FaceGalleryService";
    private static final Logger LOG = Logger.getLogger(FaceGalleryService.class.getName());

    @EJB
    TemplateProtectionService keys;

    @EJB
    GalleryStoreReader reader;

    @Inject
    Config config;

    @Inject
    Clock clock;

    @Inject
    Instance<SecurityEventLog> securityEvents;

    @Inject
    Instance<AuditLog> auditLog;

    @Resource
    ManagedExecutorService executor;

    private volatile Map<ApplicationDomain, GalleryIndex> galleries = new ConcurrentHashMap<>();
    private volatile String unavailable = "not loaded yet";
    /** Held while a change is applied and while a finished load is published: changes apply in commit order. */
    private final ReentrantLock changes = new ReentrantLock();
    /** One load at a time (start, reload, domain reload); NOT held by changes, so they never wait for a load. */
    private final ReentrantLock loads = new ReentrantLock();
    /** Subjects removed because their re-sync failed; re-synced with the next change. */
    private final Set<String> pending = new LinkedHashSet<>();
    /** Subjects changed while a load ran (guarded by {@link #changes}): re-synced right after it is published. */
    private final Set<String> changedDuringLoad = new LinkedHashSet<>();
    /** True while a load runs (guarded by {@link #changes}). */
    private boolean loadRunning;
    private volatile ParallelGalleryLoad runningLoad;
    private volatile LoadReport lastLoad;
    private volatile boolean stopping;
    /** Integrity failures found by the load's threads, raised by the thread that runs the load. */
    private final java.util.Queue<String[]> integrityAlarms = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private SearchSettings settings;
    private int maxCandidates;
    private int pageSize;
    private int loadThreads;

    /**
     * What a (re)load found.
     *
     * @param millis     wall time of the whole load (eligibility query, reading, opening, publishing)
     * @param threads    threads that opened templates (the load-threads setting)
     * @param cpuMillis  CPU time all those threads spent opening and indexing templates
     * @param readMillis wall time spent reading the reference pages from the biometric store
     * @param eligibleMillis wall time spent finding the eligible subjects (identity store) and their pseudonyms
     * @param openMillis wall time of reading and opening the reference rows (the parallel part)
     */
    public record LoadReport(int references, int subjects, int rowsRead, int notEligible, int integrityFailures,
                             int unusable, long millis, int threads, long cpuMillis, long readMillis,
                             long eligibleMillis, long openMillis) {
    }

    /**
     * Where the gallery stands, for operators: {@code state} LOADING (the first load has not finished: identification
     * answers FT-5006), READY, or UNAVAILABLE (with the reason); the counts of a running load, else of the last one.
     */
    public record LoadStatus(String state, String reason, long rowsDone, long rowsExpected, long references,
                             double rowsPerSecond) {
    }

    @PostConstruct
    void start() {
        settings = new SearchSettings(
                config.getOptionalValue("facetrust.gallery.exact-scan-limit", Integer.class)
                        .orElse(SearchSettings.DEFAULT_EXACT_SCAN_LIMIT),
                config.getOptionalValue("facetrust.gallery.sketch-fraction", Double.class)
                        .orElse(SearchSettings.DEFAULT_SKETCH_FRACTION),
                config.getOptionalValue("facetrust.gallery.sketch-minimum", Integer.class)
                        .orElse(SearchSettings.DEFAULT_SKETCH_MINIMUM),
                config.getOptionalValue("facetrust.gallery.search-threads", Integer.class)
                        .orElse(Runtime.getRuntime().availableProcessors()),
                config.getOptionalValue("facetrust.gallery.parallel-threshold", Integer.class)
                        .orElse(SearchSettings.DEFAULT_PARALLEL_THRESHOLD));
        maxCandidates = config.getOptionalValue("facetrust.gallery.max-candidates", Integer.class).orElse(100);
        pageSize = config.getOptionalValue("facetrust.gallery.load-page-size", Integer.class).orElse(500);
        loadThreads = Math.max(1, config.getOptionalValue("facetrust.gallery.load-threads", Integer.class)
                .orElse(Runtime.getRuntime().availableProcessors()));
        long backgroundAbove = config.getOptionalValue("facetrust.gallery.background-load-above", Long.class)
                .orElse(50_000L);
        if (!keys.isAvailable()) {
            unavailable = "template protection keys are not available";
            LOG.severe("ALARM 1:N gallery not loaded: " + unavailable + "; identification answers "
                    + FailureCode.KEY_STORE_UNAVAILABLE.code());
            return;
        }
        unavailable = "loading";
        long rows;
        try {
            rows = reader.referenceCount();
        } catch (RuntimeException e) {
            rows = Long.MAX_VALUE; // store not readable now: try in the background, do not hold the deployment
        }
        if (rows <= backgroundAbove) {
            // Small gallery: loaded before the deployment ends, as identification expects from a started server.
            loadAtStart();
            return;
        }
        // A large gallery (minutes at 1M) in the background, so that it neither runs past WildFly's deployment
        // timeout nor keeps verification and enrolment from serving; identification answers GALLERY_UNAVAILABLE
        // until it is published. The task's first store read waits for the deployment to finish starting (WildFly
        // holds EJB calls from other threads until every @Startup bean is up), which is why a small gallery is not
        // loaded this way: it would always miss the end of the deployment.
        long counted = rows;
        LOG.info(() -> "1:N gallery: " + counted + " reference rows, more than facetrust.gallery.background-load-above"
                + " (" + backgroundAbove + "): loading in the background; identification answers "
                + FailureCode.GALLERY_UNAVAILABLE.code() + " until it is done (progress in this log)");
        try {
            CompletableFuture.runAsync(this::loadAtStart, executor());
        } catch (RejectedExecutionException e) {
            loadAtStart();
        }
    }

    private void loadAtStart() {
        try {
            reload();
        } catch (RuntimeException e) {
            if (!stopping) {
                unavailable = "the load at start failed: " + e.getMessage();
                LOG.log(Level.SEVERE, "ALARM 1:N gallery could not be loaded; identification answers "
                        + FailureCode.GALLERY_UNAVAILABLE.code() + " until a reload succeeds", e);
            }
        }
    }

    @PreDestroy
    void stop() {
        stopping = true; // a running load stops at its next page and closes what it built
        boolean locked = false;
        try {
            locked = loads.tryLock(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            galleries.values().forEach(GalleryIndex::close);
        } finally {
            if (locked) {
                loads.unlock();
            }
        }
    }

    /** Where the gallery's load stands (for operators and the log). */
    public LoadStatus loadStatus() {
        String reason = unavailable;
        ParallelGalleryLoad load = runningLoad;
        String state = reason == null ? "READY" : "loading".equals(reason) ? "LOADING" : "UNAVAILABLE";
        if (load != null) {
            ParallelGalleryLoad.Progress p = load.progress();
            return new LoadStatus(state, reason, p.rowsDone(), p.rowsExpected(), p.references(), p.rate());
        }
        LoadReport last = lastLoad;
        return last == null ? new LoadStatus(state, reason, 0, 0, 0, 0)
                : new LoadStatus(state, reason, last.rowsRead(), last.rowsRead(), last.references(),
                last.millis() == 0 ? 0 : last.rowsRead() * 1000.0 / last.millis());
    }

    @Override
    public List<GalleryCandidate> search(ApplicationDomain domain, float[] probeEmbedding, int maxCandidates) {
        if (domain == null || probeEmbedding == null) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "domain and probe are required");
        }
        if (maxCandidates < 1 || maxCandidates > this.maxCandidates) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "maxCandidates must be 1.." + this.maxCandidates);
        }
        requireLoaded();
        TemplateProtector protector = keys.protector();
        if (keys.keyStore().domainKeyVersions(domain).isEmpty()) {
            throw new FaceTrustException(FailureCode.APPLICATION_DOMAIN_UNKNOWN, "no keys for domain " + domain);
        }
        // Transform with the current version first: this also validates the probe (TEMPLATE_INVALID) when the
        // gallery is empty.
        int current = keys.keyStore().currentDomainKeyVersion(domain);
        Set<Integer> live = keys.keyStore().domainKeyVersions(domain);
        Map<Integer, float[]> probes = new HashMap<>();
        probes.put(current, protector.transformProbe(probeEmbedding, domain, current));
        try {
            for (int attempt = 0; ; attempt++) {
                GalleryIndex index = galleries.get(domain);
                if (index == null) {
                    return List.of();
                }
                try {
                    // A version whose key was destroyed is skipped: its templates are revoked (rotation finished,
                    // the reload event not yet applied).
                    return index.search(v -> !live.contains(v) ? null : probes.computeIfAbsent(v,
                                    version -> protector.transformProbe(probeEmbedding, domain, version)),
                            maxCandidates, clock.instant().toEpochMilli(), executor());
                } catch (IllegalStateException e) {
                    if (!index.isClosed() || attempt > 2) {
                        throw e;
                    }
                    // replaced by a reload between lookup and search: search the new one
                }
            }
        } finally {
            probes.values().forEach(p -> Arrays.fill(p, 0f));
        }
    }

    @Override
    public int size(ApplicationDomain domain) {
        GalleryIndex index = galleries.get(domain);
        return index == null ? 0 : index.size();
    }

    /** Subjects in the domain's gallery now. */
    public int subjects(ApplicationDomain domain) {
        GalleryIndex index = galleries.get(domain);
        return index == null ? 0 : index.subjects();
    }

    /** True while the subject can be found in the domain's gallery. */
    public boolean contains(ApplicationDomain domain, String uid) {
        GalleryIndex index = galleries.get(domain);
        return index != null && index.contains(uid);
    }

    /**
     * Rebuilds every domain's gallery from the stores (what a restart does) and swaps it in; searches keep using the
     * old one until then, and changes committed meanwhile are applied to both (see {@link #apply}).
     */
    public LoadReport reload() {
        return reload(loadThreads);
    }

    /**
     * As {@link #reload()} with {@code threads} opening threads instead of {@code facetrust.gallery.load-threads}
     * (1: the sequential load; for benchmarks and for an operator who wants a reload to leave the cores alone).
     */
    public LoadReport reload(int threads) {
        if (threads < 1) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "threads must be at least 1");
        }
        loads.lock();
        try {
            return load(null, threads);
        } finally {
            loads.unlock();
        }
    }

    /**
     * Applies a committed change (called by {@link GalleryChangeObserver}). A subject's change is applied at once to
     * what is published and, while a load runs, also remembered and re-applied right after that load is published:
     * the load may have read the subject's rows before the change committed, and must not bring the old state back.
     * A domain or whole-gallery change reloads (after a running load; one load at a time).
     */
    public void apply(FaceDataChanged change) {
        if (change.uid() != null) {
            changes.lock();
            try {
                if (loadRunning) {
                    changedDuringLoad.add(change.uid());
                }
                if (unavailable != null) {
                    return; // nothing published: the running (or next) load reads the committed state
                }
                Set<String> uids = new LinkedHashSet<>(pending);
                uids.add(change.uid());
                pending.clear();
                for (String uid : uids) {
                    resync(uid, change.cause());
                }
            } finally {
                changes.unlock();
            }
            return;
        }
        loads.lock();
        try {
            load(change.domain(), loadThreads);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "ALARM 1:N gallery reload after '" + change.cause() + "' failed; "
                    + "identification answers " + FailureCode.GALLERY_UNAVAILABLE.code() + " until a reload "
                    + "succeeds", e);
            changes.lock();
            try {
                unavailable = "reload after " + change.cause() + " failed";
            } finally {
                changes.unlock();
            }
        } finally {
            loads.unlock();
        }
    }

    private void resync(String uid, String cause) {
        try {
            Instant now = clock.instant();
            Optional<Long> until = reader.eligibleSubject(uid, now);
            Map<ApplicationDomain, List<IndexedReference>> byDomain = new HashMap<>();
            if (until.isPresent()) {
                for (GalleryStoreReader.StoredRow row : reader.referencesOf(keys.pseudonymizer().pseudonym(uid))) {
                    open(row).ifPresent(r -> byDomain.computeIfAbsent(ApplicationDomain.of(row.domain()),
                            d -> new ArrayList<>()).add(r));
                }
            }
            Set<ApplicationDomain> domains = new HashSet<>(galleries.keySet());
            domains.addAll(byDomain.keySet());
            for (ApplicationDomain domain : domains) {
                List<IndexedReference> refs = byDomain.getOrDefault(domain, List.of());
                GalleryIndex index = refs.isEmpty() ? galleries.get(domain)
                        : galleries.computeIfAbsent(domain, d -> newIndex());
                if (index != null) {
                    index.putSubject(uid, until.orElse(Long.MIN_VALUE), refs);
                }
                refs.forEach(r -> Arrays.fill(r.vector(), 0f));
            }
            LOG.fine(() -> "Gallery re-sync after " + cause + ": subject " + (byDomain.isEmpty() ? "not searchable"
                    : "searchable in " + byDomain.keySet()));
        } catch (RuntimeException e) {
            // Fail closed: a subject we cannot re-read is not searchable until the next change re-syncs it.
            galleries.values().forEach(g -> g.removeSubject(uid));
            pending.add(uid);
            LOG.log(Level.SEVERE, "ALARM gallery re-sync after " + cause + " failed; the subject is left out of "
                    + "1:N search until the next change", e);
        }
    }

    /**
     * Builds the galleries of one domain (or all when null) from the stores and swaps them in (caller holds
     * {@link #loads}). Reads and opens in parallel ({@link ParallelGalleryLoad}, {@code facetrust.gallery.load-threads});
     * does not hold {@link #changes} while it runs, only to publish.
     */
    private LoadReport load(ApplicationDomain only, int threads) {
        long start = System.nanoTime();
        changes.lock();
        try {
            loadRunning = true;
            changedDuringLoad.clear();
        } finally {
            changes.unlock();
        }
        boolean published = false;
        try {
            Map<String, ParallelGalleryLoad.Eligible> eligible = eligibleByPseudonym(clock.instant());
            long eligibleMillis = (System.nanoTime() - start) / 1_000_000;
            long expected = reader.referenceCount();
            LOG.info(() -> "1:N gallery " + (only == null ? "loading" : "of domain " + only + " reloading") + ": "
                    + expected + " reference rows, " + eligible.size() + " subjects eligible for identification, "
                    + threads + " threads, pages of " + pageSize);
            // Built here, in the calling thread: the helper threads call no EJB (during deployment WildFly holds
            // EJB calls from other threads until start-up ends). Integrity alarms are raised afterwards, here, too.
            StoredRowOpener opener = new StoredRowOpener(keys.protector(),
                    (pseudonym, detail) -> integrityAlarms.add(new String[] {pseudonym, detail}));
            int dimension = embeddingDimension();
            ParallelGalleryLoad run = new ParallelGalleryLoad(reader::referencesAfter, pageSize, opener,
                    eligible, only, () -> new GalleryIndex(dimension, settings), executor(), threads, expected,
                    () -> stopping, FaceGalleryService::logProgress);
            runningLoad = run;
            ParallelGalleryLoad.Result result;
            try {
                result = run.run();
            } finally {
                String[] alarm;
                while ((alarm = integrityAlarms.poll()) != null) {
                    raise(FailureCode.TEMPLATE_INTEGRITY_FAILED, alarm[0], alarm[1]);
                }
            }
            Map<ApplicationDomain, GalleryIndex> built = result.built();
            changes.lock();
            try {
                Map<ApplicationDomain, GalleryIndex> next = new ConcurrentHashMap<>(only == null ? Map.of()
                        : galleries);
                if (only != null) {
                    next.remove(only);
                }
                next.putAll(built);
                Map<ApplicationDomain, GalleryIndex> old = galleries;
                galleries = next;
                old.forEach((d, g) -> {
                    if (next.get(d) != g) {
                        g.close();
                    }
                });
                if (only == null) {
                    pending.clear();
                }
                unavailable = null;
                loadRunning = false;
                // Changes committed while the load ran: re-read now, so none is lost whichever state it read.
                Set<String> again = new LinkedHashSet<>(changedDuringLoad);
                changedDuringLoad.clear();
                for (String uid : again) {
                    resync(uid, "a change during the load");
                }
                if (!again.isEmpty()) {
                    LOG.info(() -> again.size() + " subject(s) changed during the gallery load were re-read");
                }
            } finally {
                changes.unlock();
            }
            published = true;
            int subjects = built.values().stream().mapToInt(GalleryIndex::subjects).sum();
            long millis = (System.nanoTime() - start) / 1_000_000;
            LoadReport report = new LoadReport(result.references(), subjects, result.rowsRead(),
                    result.notEligible(), result.integrityFailures(), result.unusable(), millis, result.threads(),
                    result.cpuMillis(), result.readMillis(), eligibleMillis, result.wallMillis());
            lastLoad = report;
            Runtime rt = Runtime.getRuntime();
            LOG.info(() -> "1:N gallery " + (only == null ? "loaded" : "of domain " + only + " reloaded") + " in "
                    + millis + " ms: " + report.references() + " references of " + report.subjects() + " subjects "
                    + "in domains " + built.keySet() + " (" + report.rowsRead() + " rows read, "
                    + report.notEligible() + " not eligible for identification, " + report.integrityFailures()
                    + " failed integrity, " + report.unusable() + " unusable); " + report.threads() + " threads, "
                    + String.format(Locale.ROOT, "%.0f rows/s, %.1f µs CPU per row opened, reading %d ms, eligible subjects %d ms",
                    millis == 0 ? 0.0 : report.rowsRead() * 1000.0 / millis,
                    report.rowsRead() == 0 ? 0.0 : report.cpuMillis() * 1000.0 / report.rowsRead(),
                    report.readMillis(), report.eligibleMillis())
                    + "; off-heap " + built.values().stream().mapToLong(GalleryIndex::offHeapBytes).sum()
                    / (1024 * 1024) + " MiB, heap used " + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024)
                    + " MiB");
            audit("GALLERY_LOAD", only == null ? "all-domains" : "domain:" + only.name(),
                    report.integrityFailures() == 0 ? "OK" : FailureCode.TEMPLATE_INTEGRITY_FAILED.code());
            return report;
        } finally {
            runningLoad = null;
            if (!published) {
                changes.lock();
                try {
                    // Nothing recorded is lost: a published gallery got every change directly, and an unpublished
                    // one is read in full by the next load.
                    loadRunning = false;
                    changedDuringLoad.clear();
                } finally {
                    changes.unlock();
                }
            }
        }
    }

    /**
     * Every subject that may be searched now, by pseudonym (the key of the reference rows), read from the identity
     * store in pages of subjects (no single whole-table result).
     */
    private Map<String, ParallelGalleryLoad.Eligible> eligibleByPseudonym(Instant now) {
        Map<String, Long> until = new HashMap<>();
        long after = 0;
        while (true) {
            GalleryStoreReader.EligiblePage page = reader.eligibleSubjectsAfter(after, pageSize * 2, now);
            if (page.subjects() == 0) {
                break;
            }
            after = page.lastSubjectId();
            page.consentUntil().forEach((uid, end) -> until.merge(uid, end, Math::max));
        }
        SubjectPseudonymizer pseudonymizer = keys.pseudonymizer();
        Map<String, ParallelGalleryLoad.Eligible> out = new HashMap<>(until.size() * 2);
        until.forEach((uid, end) -> out.put(pseudonymizer.pseudonym(uid), new ParallelGalleryLoad.Eligible(uid,
                end)));
        return out;
    }

    private static void logProgress(ParallelGalleryLoad.Progress p) {
        long left = p.rate() <= 0 || p.rowsExpected() <= p.rowsDone() ? 0
                : (long) ((p.rowsExpected() - p.rowsDone()) / p.rate());
        LOG.info(() -> String.format(Locale.ROOT, "1:N gallery loading: %d of %d rows (%.0f %%), %d references, "
                        + "%.0f rows/s, about %d s left", p.rowsDone(), p.rowsExpected(),
                p.rowsExpected() == 0 ? 0.0 : 100.0 * p.rowsDone() / p.rowsExpected(), p.references(), p.rate(),
                left));
    }

    /** Opens a stored row with its binding; see {@link StoredRowOpener}. */
    private Optional<IndexedReference> open(GalleryStoreReader.StoredRow row) {
        return new StoredRowOpener(keys.protector(), (pseudonym, detail) ->
                raise(FailureCode.TEMPLATE_INTEGRITY_FAILED, pseudonym, detail)).open(row);
    }

    /** Stored and logged by the security event log (it logs ALARMs itself); logged here only if it fails. */
    private void raise(FailureCode code, String target, String detail) {
        try {
            securityEvents.get().raise(code, "GALLERY_LOAD", target, detail);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "ALARM " + code.code() + " " + detail + " (the security event log refused it)",
                    e);
        }
    }

    private void audit(String action, String target, String outcome) {
        if (auditLog.isResolvable()) {
            try {
                auditLog.get().record(AuditRecord.of(action, target, outcome));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the audit log refused the gallery entry", e);
            }
        }
    }

    private void requireLoaded() {
        String reason = unavailable;
        if (reason != null) {
            throw new FaceTrustException(keys.isAvailable() ? FailureCode.GALLERY_UNAVAILABLE
                    : FailureCode.KEY_STORE_UNAVAILABLE, "the 1:N gallery is not available: " + reason);
        }
    }

    private GalleryIndex newIndex() {
        return new GalleryIndex(embeddingDimension(), settings);
    }

    private int embeddingDimension() {
        // Same key and default as the template protection, so index and protector agree on the dimension.
        return config.getOptionalValue("facetrust.protection.embedding-dimension", Integer.class).orElse(512);
    }

    private Executor executor() {
        return executor != null ? executor : Runnable::run;
    }
}
