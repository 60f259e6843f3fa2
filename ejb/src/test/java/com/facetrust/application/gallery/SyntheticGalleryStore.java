package com.facetrust.application.gallery;

import com.facetrust.domain.identity.SubjectUid;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.SubjectPseudonymizer;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.domain.protection.TemplateKeyStore;
import com.facetrust.domain.protection.TemplateProtector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Both stores as the gallery reads them, in memory, filled with synthetic subjects protected the way enrolment
 * protects them: a data key per subject in the real key store, random unit vectors protected by the real
 * {@link TemplateProtector} and bound to (pseudonym, reference id, domain). Thread-safe: tests change it while a load
 * reads it. Rows get ascending ids like the biometric store's identity column.
 */
final class SyntheticGalleryStore {
    static final int DIMENSION = 512;

    private final TemplateKeyStore keys;
    private final TemplateProtector protector;
    private final SubjectPseudonymizer pseudonymizer;
    private final TreeMap<Long, GalleryStoreReader.StoredRow> rows = new TreeMap<>();
    /** Eligible subjects: UID → end of the identification consent (epoch millis). */
    private final Map<String, Long> eligible = new HashMap<>();
    /** The original (unprotected) embedding of every reference, so tests can probe with a stored face. */
    private final Map<String, float[]> embeddings = new HashMap<>();
    private final Random random;
    private long nextId = 1;

    SyntheticGalleryStore(TemplateKeyStore keys, TemplateProtector protector, SubjectPseudonymizer pseudonymizer,
                          long seed) {
        this.keys = keys;
        this.protector = protector;
        this.pseudonymizer = pseudonymizer;
        this.random = new Random(seed);
    }

    /** A new subject with {@code references} protected references in the domain; returns its UID. */
    synchronized String addSubject(ApplicationDomain domain, int references, boolean identifiable) {
        String uid = SubjectUid.generate().value();
        addReferences(uid, domain, references);
        if (identifiable) {
            eligible.put(uid, Long.MAX_VALUE);
        }
        return uid;
    }

    /** More references of an existing subject, protected under the same data key. */
    synchronized List<GalleryStoreReader.StoredRow> addReferences(String uid, ApplicationDomain domain,
                                                                  int references) {
        UUID dataKey = keys.createDataKey();
        String pseudonym = pseudonymizer.pseudonym(uid);
        List<GalleryStoreReader.StoredRow> added = new ArrayList<>();
        for (int i = 0; i < references; i++) {
            byte[] bits = new byte[16];
            random.nextBytes(bits);
            String referenceId = HexFormat.of().formatHex(bits);
            float[] embedding = randomUnitVector(random);
            embeddings.put(referenceId, embedding);
            ProtectedTemplate template = protector.protect(embedding,
                    new TemplateBinding(pseudonym, referenceId, domain), dataKey);
            GalleryStoreReader.StoredRow row = new GalleryStoreReader.StoredRow(nextId++, referenceId, pseudonym,
                    domain.name(), template.domainKeyVersion(), template.encode());
            rows.put(row.id(), row);
            added.add(row);
        }
        return added;
    }

    synchronized void setEligible(String uid, boolean identifiable) {
        if (identifiable) {
            eligible.put(uid, Long.MAX_VALUE);
        } else {
            eligible.remove(uid);
        }
    }

    /** Replaces a row's stored template bytes (tampering, directly in the "database"). */
    synchronized void replaceTemplate(long id, byte[] template) {
        GalleryStoreReader.StoredRow r = rows.get(id);
        rows.put(id, new GalleryStoreReader.StoredRow(r.id(), r.referenceId(), r.pseudonym(), r.domain(),
                r.keyVersion(), template));
    }

    synchronized List<GalleryStoreReader.StoredRow> after(long afterId, int max) {
        return rows.tailMap(afterId, false).values().stream().limit(max).toList();
    }

    synchronized List<GalleryStoreReader.StoredRow> referencesOf(String pseudonym) {
        return rows.values().stream().filter(r -> r.pseudonym().equals(pseudonym)).toList();
    }

    synchronized float[] embeddingOf(String referenceId) {
        return embeddings.get(referenceId).clone();
    }

    synchronized List<GalleryStoreReader.StoredRow> allRows() {
        return List.copyOf(rows.values());
    }

    synchronized Map<String, Long> eligibleSubjects() {
        return Map.copyOf(eligible);
    }

    synchronized Optional<Long> eligibleSubject(String uid) {
        return Optional.ofNullable(eligible.get(uid));
    }

    synchronized long size() {
        return rows.size();
    }

    /** Eligible subjects by pseudonym, as the service hands them to the load. */
    synchronized Map<String, ParallelGalleryLoad.Eligible> eligibleByPseudonym() {
        Map<String, ParallelGalleryLoad.Eligible> out = new HashMap<>();
        eligible.forEach((uid, until) -> out.put(pseudonymizer.pseudonym(uid),
                new ParallelGalleryLoad.Eligible(uid, until)));
        return out;
    }

    /** The store as the server's reader (one "page" of eligible subjects; rows by keyset pagination). */
    GalleryStoreReader reader() {
        SyntheticGalleryStore store = this;
        return new GalleryStoreReader() {
            @Override
            public EligiblePage eligibleSubjectsAfter(long afterSubjectId, int max, Instant now) {
                return afterSubjectId > 0 ? new EligiblePage(afterSubjectId, 0, Map.of())
                        : new EligiblePage(1, 1, store.eligibleSubjects());
            }

            @Override
            public Map<String, Long> eligibleSubjects(Instant now) {
                return store.eligibleSubjects();
            }

            @Override
            public Optional<Long> eligibleSubject(String uid, Instant now) {
                return store.eligibleSubject(uid);
            }

            @Override
            public List<StoredRow> referencesAfter(long afterId, int max) {
                return store.after(afterId, max);
            }

            @Override
            public List<StoredRow> referencesOf(String pseudonym) {
                return store.referencesOf(pseudonym);
            }

            @Override
            public long referenceCount() {
                return store.size();
            }
        };
    }

    static float[] randomUnitVector(Random random) {
        float[] v = new float[DIMENSION];
        double sum = 0;
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) random.nextGaussian();
            sum += (double) v[i] * v[i];
        }
        float norm = (float) Math.sqrt(sum);
        for (int i = 0; i < DIMENSION; i++) {
            v[i] /= norm;
        }
        return v;
    }
}
