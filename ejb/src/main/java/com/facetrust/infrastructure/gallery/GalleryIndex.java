package com.facetrust.infrastructure.gallery;

import com.facetrust.domain.recognition.GalleryCandidate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntFunction;

/**
 * The in-memory 1:N index of ONE application domain: the protected-space vectors of its eligible
 * subjects, one {@link TemplateSegment} per domain key version (a probe is transformed once per version, so during
 * a key rotation both versions are searched and merged per subject).
 *
 * <p>A search answers exactly what a brute-force float cosine scan answers — best first, one candidate per subject
 * (its best reference; ties: higher score, then lower reference id, then lower UID) — as long as a key version
 * holds at most {@link SearchSettings#exactScanLimit()} templates; above that the sign-sketch prefilter may miss
 * (see {@link SearchSettings}). Subjects whose identification consent has run out by the search time are skipped.
 *
 * <p>Thread-safe: searches share a read lock (each may scan on several threads of the given executor), changes take
 * the write lock briefly; vectors are quantised before the lock is taken.
 */
public final class GalleryIndex implements AutoCloseable {
    private static final Comparator<Hit> BEST_FIRST = Comparator.comparingDouble(Hit::score).reversed()
            .thenComparing(Hit::referenceId);

    private final int dimension;
    private final SearchSettings settings;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final SortedMap<Integer, TemplateSegment> segments = new TreeMap<>();
    private final Map<String, Integer> subjectIds = new HashMap<>();
    private String[] uids = new String[256];
    private long[] consentUntil = new long[256];
    private int[] freeIds = new int[16];
    private int freeCount;
    private int nextId;
    private boolean closed;

    /** A search hit inside the index: subject number, reference id, exact score. */
    private record Hit(int subject, String referenceId, double score) {
    }

    /** Candidates of one scan range: the best subjects by lower bound and every template it could not rule out. */
    private static final class Partial {
        final SubjectRanking ranking;
        int[] slots = new int[64];
        double[] upper = new double[64];
        int count;

        Partial(int k) {
            ranking = new SubjectRanking(k);
        }

        void add(int slot, double upperBound) {
            if (count == slots.length) {
                slots = Arrays.copyOf(slots, count * 2);
                upper = Arrays.copyOf(upper, count * 2);
            }
            slots[count] = slot;
            upper[count++] = upperBound;
        }
    }

    public GalleryIndex(int dimension, SearchSettings settings) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive");
        }
        this.dimension = dimension;
        this.settings = settings;
    }

    public int dimension() {
        return dimension;
    }

    public SearchSettings settings() {
        return settings;
    }

    /** References held now. */
    public int size() {
        lock.readLock().lock();
        try {
            return segments.values().stream().mapToInt(TemplateSegment::size).sum();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Subjects with at least one reference. */
    public int subjects() {
        lock.readLock().lock();
        try {
            return subjectIds.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** True once {@link #close()} ran: searches are refused, the caller takes the index that replaced it. */
    public boolean isClosed() {
        lock.readLock().lock();
        try {
            return closed;
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean contains(String uid) {
        lock.readLock().lock();
        try {
            return subjectIds.containsKey(uid);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bytes of direct (off-heap) memory holding the exact vectors. */
    public long offHeapBytes() {
        lock.readLock().lock();
        try {
            return segments.values().stream().mapToLong(TemplateSegment::offHeapBytes).sum();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Makes {@code references} the subject's whole entry (replacing what it had); an empty list removes the subject.
     *
     * @param consentUntilMillis the end of the subject's identification consent (epoch millis; Long.MAX_VALUE: open)
     */
    public void putSubject(String uid, long consentUntilMillis, List<IndexedReference> references) {
        List<Prepared> prepared = prepare(references);
        lock.writeLock().lock();
        try {
            removeLocked(uid);
            if (!prepared.isEmpty()) {
                int id = newSubjectId(uid, consentUntilMillis);
                prepared.forEach(p -> appendLocked(id, p));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Adds one reference to the subject's entry without removing anything (bulk load of a fresh index, where rows
     * come in store order, not grouped by subject).
     */
    public void append(String uid, long consentUntilMillis, IndexedReference reference) {
        Prepared p = prepare(List.of(reference)).get(0);
        lock.writeLock().lock();
        try {
            Integer id = subjectIds.get(uid);
            appendLocked(id != null ? id : newSubjectId(uid, consentUntilMillis), p);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the subject and all its references; false when it was not in the index. */
    public boolean removeSubject(String uid) {
        lock.writeLock().lock();
        try {
            return removeLocked(uid);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The key versions with templates in the index. */
    public List<Integer> keyVersions() {
        lock.readLock().lock();
        try {
            return List.copyOf(segments.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The best {@code k} subjects for a probe, best first, each with its best reference and exact cosine score.
     *
     * @param probeForKeyVersion the probe moved into the protected space of a key version (called once per version
     *                           held; the caller owns and clears the arrays); null skips that version (its key
     *                           was destroyed: its templates are revoked)
     * @param nowMillis          search time: subjects whose identification consent ended by then are skipped
     * @param executor           runs the scan threads beyond the caller's own
     */
    public List<GalleryCandidate> search(IntFunction<float[]> probeForKeyVersion, int k, long nowMillis,
                                         Executor executor) {
        return search(probeForKeyVersion, k, nowMillis, executor, settings);
    }

    /** As {@link #search(IntFunction, int, long, Executor)} with other scan settings (benchmark: exact vs fast). */
    public List<GalleryCandidate> search(IntFunction<float[]> probeForKeyVersion, int k, long nowMillis,
                                         Executor executor, SearchSettings settings) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive");
        }
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the index was closed (replaced by a reload)");
            }
            Map<Integer, Hit> best = new HashMap<>();
            for (Map.Entry<Integer, TemplateSegment> e : segments.entrySet()) {
                if (e.getValue().size() == 0) {
                    continue;
                }
                float[] probe = probeForKeyVersion.apply(e.getKey());
                if (probe == null) {
                    continue;
                }
                if (probe.length != dimension) {
                    throw new IllegalArgumentException("probe of dimension " + (probe == null ? 0 : probe.length)
                            + ", index of " + dimension);
                }
                for (Hit hit : searchSegment(e.getValue(), probe, k, nowMillis, executor, settings)) {
                    best.merge(hit.subject(), hit, (a, b) -> BEST_FIRST.compare(a, b) <= 0 ? a : b);
                }
            }
            return best.values().stream()
                    .sorted(Comparator.comparingDouble(Hit::score).reversed()
                            .thenComparing(h -> uids[h.subject()]))
                    .limit(k)
                    .map(h -> new GalleryCandidate(uids[h.subject()], h.referenceId(), h.score()))
                    .toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<Hit> searchSegment(TemplateSegment segment, float[] probe, int k, long nowMillis,
                                    Executor executor, SearchSettings settings) {
        QuantisedVector code = QuantisedVector.of(probe);
        try {
            int n = segment.size();
            boolean prefilter = n > settings.exactScanLimit();
            long keep = prefilter ? Math.min(n, Math.max(settings.sketchMinimum(),
                    (long) Math.ceil(n * settings.sketchFraction()))) : n;
            int parts = n < settings.parallelThreshold() ? 1 : Math.max(1, settings.threads());
            Partial[] partials = new Partial[parts];
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int from = (int) ((long) n * p / parts);
                int to = (int) ((long) n * (p + 1) / parts);
                long quota = prefilter ? (keep * (to - from) + n - 1) / n : to - from;
                int index = p;
                Runnable task = () -> partials[index] = scan(segment, code, from, to, prefilter, quota, k,
                        nowMillis);
                if (p == parts - 1) {
                    task.run();
                } else {
                    try {
                        running.add(CompletableFuture.runAsync(task, executor));
                    } catch (RejectedExecutionException ex) {
                        task.run(); // executor shutting down or saturated: scan in this thread
                    }
                }
            }
            try {
                running.forEach(CompletableFuture::join);
            } catch (CompletionException ex) {
                throw ex.getCause() instanceof RuntimeException r ? r : ex;
            }
            SubjectRanking ranking = new SubjectRanking(k);
            for (Partial partial : partials) {
                ranking.offerAll(partial.ranking);
            }
            double threshold = ranking.threshold();
            double probeSquaredNorm = 0;
            for (float v : probe) {
                probeSquaredNorm += (double) v * v;
            }
            Map<Integer, Hit> best = new HashMap<>();
            for (Partial partial : partials) {
                for (int i = 0; i < partial.count; i++) {
                    if (partial.upper[i] < threshold) {
                        continue; // proven not among the best k
                    }
                    int slot = partial.slots[i];
                    Hit hit = new Hit(segment.subjectAt(slot), segment.referenceIdAt(slot),
                            segment.exactCosine(slot, probe, probeSquaredNorm));
                    best.merge(hit.subject(), hit, (a, b) -> BEST_FIRST.compare(a, b) <= 0 ? a : b);
                }
            }
            return best.values().stream().sorted(BEST_FIRST).limit(k).toList();
        } finally {
            Arrays.fill(code.codes(), (byte) 0);
        }
    }

    /**
     * One scan thread's share [from, to): int8 scores of every slot (or of the {@code quota} slots nearest by
     * sketch), with the bound of each; keeps the slots whose upper bound can still reach the best k.
     */
    private Partial scan(TemplateSegment segment, QuantisedVector probe, int from, int to, boolean prefilter,
                         long quota, int k, long nowMillis) {
        Partial out = new Partial(k);
        int cutoff = prefilter ? sketchCutoff(segment, probe.sketch(), from, to, quota) : Integer.MAX_VALUE;
        int d = segment.dimension;
        int words = segment.words;
        byte[] p = probe.codes();
        long[] ps = probe.sketch();
        double probeScale = probe.scale();
        double probeError = probe.error();
        int slot = from;
        while (slot < to) {
            int chunk = slot / TemplateSegment.CHUNK;
            int first = chunk * TemplateSegment.CHUNK;
            int end = Math.min(to, first + TemplateSegment.CHUNK);
            byte[] codes = segment.codeChunk(chunk);
            long[] sketches = segment.sketchChunk(chunk);
            float[] scales = segment.scaleChunk(chunk);
            float[] errors = segment.errorChunk(chunk);
            int[] subjects = segment.subjectChunk(chunk);
            for (; slot < end; slot++) {
                int a = slot - first;
                if (prefilter) {
                    int h = 0;
                    int base = a * words;
                    for (int w = 0; w < words; w++) {
                        h += Long.bitCount(sketches[base + w] ^ ps[w]);
                    }
                    if (h > cutoff) {
                        continue;
                    }
                }
                int dot = dot(codes, a * d, p, d);
                double approx = probeScale * scales[a] * dot;
                double bound = QuantisedVector.bound(errors[a], probeError);
                double upper = approx + bound;
                if (upper < out.ranking.threshold()) {
                    continue;
                }
                int subject = subjects[a];
                if (consentUntil[subject] <= nowMillis) {
                    continue; // identification consent ran out since the subject was indexed
                }
                out.ranking.offer(subject, approx - bound);
                out.add(slot, upper);
            }
        }
        return out;
    }

    /** The largest Hamming distance d such that at least {@code quota} slots of the range are within d. */
    private static int sketchCutoff(TemplateSegment segment, long[] probeSketch, int from, int to, long quota) {
        int words = segment.words;
        int[] histogram = new int[words * 64 + 1];
        int slot = from;
        while (slot < to) {
            int chunk = slot / TemplateSegment.CHUNK;
            int first = chunk * TemplateSegment.CHUNK;
            int end = Math.min(to, first + TemplateSegment.CHUNK);
            long[] sketches = segment.sketchChunk(chunk);
            for (; slot < end; slot++) {
                int base = (slot - first) * words;
                int h = 0;
                for (int w = 0; w < words; w++) {
                    h += Long.bitCount(sketches[base + w] ^ probeSketch[w]);
                }
                histogram[h]++;
            }
        }
        long seen = 0;
        for (int h = 0; h < histogram.length; h++) {
            seen += histogram[h];
            if (seen >= quota) {
                return h;
            }
        }
        return histogram.length - 1;
    }

    /** Dot product of two int8 vectors (four accumulators: independent adds the CPU can overlap). */
    static int dot(byte[] codes, int offset, byte[] probe, int d) {
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            s0 += codes[offset + i] * probe[i];
            s1 += codes[offset + i + 1] * probe[i + 1];
            s2 += codes[offset + i + 2] * probe[i + 2];
            s3 += codes[offset + i + 3] * probe[i + 3];
        }
        for (; i < d; i++) {
            s0 += codes[offset + i] * probe[i];
        }
        return s0 + s1 + s2 + s3;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            segments.values().forEach(TemplateSegment::clear);
            segments.clear();
            subjectIds.clear();
            Arrays.fill(uids, null);
            nextId = 0;
            freeCount = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ------------------------------------------------------------------ changes (write lock held)

    private record Prepared(long high, long low, int keyVersion, float[] vector, QuantisedVector code) {
    }

    private List<Prepared> prepare(List<IndexedReference> references) {
        List<Prepared> out = new ArrayList<>(references.size());
        for (IndexedReference r : references) {
            if (r.vector().length != dimension) {
                throw new IllegalArgumentException("reference " + r.referenceId() + " has dimension "
                        + r.vector().length + ", the index " + dimension);
            }
            long[] id = TemplateSegment.parseReferenceId(r.referenceId());
            out.add(new Prepared(id[0], id[1], r.keyVersion(), r.vector(), QuantisedVector.of(r.vector())));
        }
        return out;
    }

    private void appendLocked(int subject, Prepared p) {
        segments.computeIfAbsent(p.keyVersion(), v -> new TemplateSegment(dimension))
                .add(subject, p.high(), p.low(), p.vector(), p.code());
    }

    private boolean removeLocked(String uid) {
        Integer id = subjectIds.remove(uid);
        if (id == null) {
            return false;
        }
        segments.values().removeIf(segment -> {
            segment.removeSubject(id);
            return segment.size() == 0;
        });
        uids[id] = null;
        if (freeCount == freeIds.length) {
            freeIds = Arrays.copyOf(freeIds, freeCount * 2);
        }
        freeIds[freeCount++] = id;
        return true;
    }

    private int newSubjectId(String uid, long until) {
        int id;
        if (freeCount > 0) {
            id = freeIds[--freeCount];
        } else {
            id = nextId++;
            if (id == uids.length) {
                uids = Arrays.copyOf(uids, id * 2);
                consentUntil = Arrays.copyOf(consentUntil, id * 2);
            }
        }
        uids[id] = uid;
        consentUntil[id] = until;
        subjectIds.put(uid, id);
        return id;
    }
}
