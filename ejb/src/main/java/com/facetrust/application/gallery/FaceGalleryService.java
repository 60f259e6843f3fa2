package com.facetrust.application.gallery;

import com.facetrust.application.lifecycle.StoreSchemaMigration;
import com.facetrust.application.protection.TemplateProtectionService;
import com.facetrust.domain.audit.AuditLog;
import com.facetrust.domain.audit.AuditRecord;
import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.failure.SecurityEventLog;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.SubjectPseudonymizer;
import com.facetrust.domain.protection.TemplateBinding;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@code facetrust.gallery.max-candidates} [100]; {@code facetrust.gallery.load-page-size} [500].
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
    private final ReentrantLock changes = new ReentrantLock();
    /** Subjects removed because their re-sync failed; re-synced with the next change. */
    private final Set<String> pending = new LinkedHashSet<>();
    private SearchSettings settings;
    private int maxCandidates;
    private int pageSize;

    /** What a (re)load found. */
    public record LoadReport(int references, int subjects, int rowsRead, int notEligible, int integrityFailures,
                             int unusable, long millis) {
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
        if (!keys.isAvailable()) {
            unavailable = "template protection keys are not available";
            LOG.severe("ALARM 1:N gallery not loaded: " + unavailable + "; identification answers "
                    + FailureCode.KEY_STORE_UNAVAILABLE.code());
            return;
        }
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "ALARM 1:N gallery could not be loaded; identification answers "
                    + FailureCode.GALLERY_UNAVAILABLE.code() + " until a reload succeeds", e);
        }
    }

    @PreDestroy
    void stop() {
        galleries.values().forEach(GalleryIndex::close);
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
     * old one until then.
     */
    public LoadReport reload() {
        changes.lock();
        try {
            LoadReport report = load(null);
            pending.clear();
            unavailable = null;
            return report;
        } finally {
            changes.unlock();
        }
    }

    /** Applies a committed change (called by {@link GalleryChangeObserver}). */
    public void apply(FaceDataChanged change) {
        if (unavailable != null && change.uid() != null) {
            return; // nothing loaded: the next successful load reads the committed state anyway
        }
        changes.lock();
        try {
            if (change.uid() != null) {
                Set<String> uids = new LinkedHashSet<>(pending);
                uids.add(change.uid());
                pending.clear();
                for (String uid : uids) {
                    resync(uid, change.cause());
                }
            } else {
                try {
                    load(change.domain());
                    pending.clear();
                    unavailable = null;
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "ALARM 1:N gallery reload after '" + change.cause() + "' failed; "
                            + "identification answers " + FailureCode.GALLERY_UNAVAILABLE.code() + " until a reload "
                            + "succeeds", e);
                    unavailable = "reload after " + change.cause() + " failed";
                }
            }
        } finally {
            changes.unlock();
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

    /** Builds the galleries of one domain (or all when null) from the stores and swaps them in. */
    private LoadReport load(ApplicationDomain only) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        Map<String, Long> eligible = reader.eligibleSubjects(now);
        SubjectPseudonymizer pseudonymizer = keys.pseudonymizer();
        Map<String, String> uidByPseudonym = new HashMap<>(eligible.size() * 2);
        eligible.keySet().forEach(uid -> uidByPseudonym.put(pseudonymizer.pseudonym(uid), uid));
        Map<ApplicationDomain, GalleryIndex> built = new HashMap<>();
        int rows = 0;
        int notEligible = 0;
        int integrity = 0;
        int unusable = 0;
        int references = 0;
        long after = 0;
        while (true) {
            List<GalleryStoreReader.StoredRow> page = reader.referencesAfter(after, pageSize);
            if (page.isEmpty()) {
                break;
            }
            for (GalleryStoreReader.StoredRow row : page) {
                after = row.id();
                rows++;
                if (only != null && !only.name().equals(row.domain())) {
                    continue;
                }
                String uid = uidByPseudonym.get(row.pseudonym());
                if (uid == null) {
                    notEligible++;
                    continue;
                }
                Optional<IndexedReference> opened;
                try {
                    opened = open(row);
                } catch (IntegrityFailure e) {
                    integrity++;
                    continue;
                }
                if (opened.isEmpty()) {
                    unusable++;
                    continue;
                }
                IndexedReference ref = opened.get();
                built.computeIfAbsent(ApplicationDomain.of(row.domain()), d -> newIndex())
                        .append(uid, eligible.get(uid), ref);
                Arrays.fill(ref.vector(), 0f);
                references++;
            }
        }
        Map<ApplicationDomain, GalleryIndex> next = new ConcurrentHashMap<>(only == null ? Map.of() : galleries);
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
        int subjects = built.values().stream().mapToInt(GalleryIndex::subjects).sum();
        long millis = (System.nanoTime() - start) / 1_000_000;
        LoadReport report = new LoadReport(references, subjects, rows, notEligible, integrity, unusable, millis);
        Runtime rt = Runtime.getRuntime();
        LOG.info(() -> "1:N gallery " + (only == null ? "loaded" : "of domain " + only + " reloaded") + " in "
                + millis + " ms: " + report.references() + " references of " + report.subjects() + " subjects "
                + "in domains " + built.keySet() + " (" + report.rowsRead() + " rows read, " + report.notEligible()
                + " not eligible for identification, " + report.integrityFailures() + " failed integrity, "
                + report.unusable() + " unusable); off-heap "
                + built.values().stream().mapToLong(GalleryIndex::offHeapBytes).sum() / (1024 * 1024)
                + " MiB, heap used " + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024) + " MiB");
        audit("GALLERY_LOAD", only == null ? "all-domains" : "domain:" + only.name(),
                integrity == 0 ? "OK" : FailureCode.TEMPLATE_INTEGRITY_FAILED.code());
        return report;
    }

    /** Thrown inside {@link #load} for a row that failed its integrity check (already alarmed). */
    private static final class IntegrityFailure extends RuntimeException {
        IntegrityFailure() {
            super(null, null, false, false);
        }
    }

    /**
     * Opens a stored row with its binding (D-8.2.4e). Empty for a row that cannot be used but is no attack
     * (data key or key version destroyed: the subject is being deleted or the row was rotated away; another
     * dimension). A row failing its integrity check raises the ALARM and is left out.
     */
    private Optional<IndexedReference> open(GalleryStoreReader.StoredRow row) {
        try {
            ApplicationDomain domain = ApplicationDomain.of(row.domain());
            ProtectedTemplate template = ProtectedTemplate.decode(row.template());
            if (template.domainKeyVersion() != row.keyVersion()) {
                throw new FaceTrustException(FailureCode.TEMPLATE_INTEGRITY_FAILED, "the row's key version differs "
                        + "from the template's", List.of("key-version-mismatch"));
            }
            float[] vector = keys.protector().open(template,
                    new TemplateBinding(row.pseudonym(), row.referenceId(), domain));
            return Optional.of(new IndexedReference(row.referenceId(), template.domainKeyVersion(), vector));
        } catch (FaceTrustException e) {
            FailureCode code = e.failureCode();
            if (code == FailureCode.TEMPLATE_INTEGRITY_FAILED || code == FailureCode.BAD_REQUEST) {
                raise(FailureCode.TEMPLATE_INTEGRITY_FAILED, row.pseudonym(), "reference " + row.referenceId()
                        + " left out of the 1:N gallery: " + e.getMessage());
                throw new IntegrityFailure();
            }
            if (code == FailureCode.TEMPLATE_KEY_DESTROYED || code == FailureCode.TEMPLATE_INVALID) {
                LOG.fine(() -> "reference " + row.referenceId() + " not usable for 1:N: " + e.getMessage());
                return Optional.empty();
            }
            throw e;
        }
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
        // Same key and default as the template protection, so index and protector agree on the dimension.
        return new GalleryIndex(config.getOptionalValue("facetrust.protection.embedding-dimension", Integer.class)
                .orElse(512), settings);
    }

    private Executor executor() {
        return executor != null ? executor : Runnable::run;
    }
}
