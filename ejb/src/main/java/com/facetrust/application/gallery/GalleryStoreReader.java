package com.facetrust.application.gallery;

import com.facetrust.domain.biometric.FaceReference;
import com.facetrust.domain.identity.ConsentPurpose;
import com.facetrust.domain.identity.SubjectStatus;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the gallery is built from, each call in its own short transaction (REQUIRES_NEW), so the start-up load
 * pages through a large store without one long transaction, and a re-sync called after another transaction's
 * commit sees the committed state. Reads only: no method here changes either store.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class GalleryStoreReader {

    @PersistenceContext(unitName = "identity")
    EntityManager identity;

    @PersistenceContext(unitName = "biometric")
    EntityManager biometric;

    /** A stored reference row as the gallery needs it (template bytes still protected). */
    public record StoredRow(long id, String referenceId, String pseudonym, String domain, int keyVersion,
                            byte[] template) {
    }

    /**
     * Every subject that may be searched at {@code now} — ACTIVE, its face data not scheduled for deletion, and with
     * an effective FACE_IDENTIFICATION consent (A-5.7.2; 1:N identification is its own purpose, C-6.1.1) — with the
     * end of that consent (epoch millis, Long.MAX_VALUE when open-ended).
     */
    public Map<String, Long> eligibleSubjects(Instant now) {
        return eligible(identity.createQuery("select s.uid, c.givenAt, c.withdrawnAt, c.retainUntil "
                        + "from ConsentRecord c join c.subject s where s.status = :active and c.purpose = :purpose "
                        + "and s.faceDeletionDueAt is null",
                        Object[].class)
                .setParameter("active", SubjectStatus.ACTIVE)
                .setParameter("purpose", ConsentPurpose.FACE_IDENTIFICATION)
                .getResultList(), now);
    }

    /**
     * One page of {@link #eligibleSubjects(Instant)} by keyset pagination on the subject id, so the start-up load
     * reads a large identity store without a whole-table result: up to {@code max} subjects with an id above
     * {@code afterSubjectId} (a primary-key range), then the identification consents of the same subject-id range
     * (the consent index by subject), kept for the subjects that are ACTIVE with their face data not scheduled for
     * deletion. Two range reads per page: a join filtered and ordered in one query made H2 scan and sort every
     * subject for every page (quadratic: ≈ 50 s of a 100 000-subject load), and an IN list of the page's ids cost a
     * new statement per page.
     */
    public EligiblePage eligibleSubjectsAfter(long afterSubjectId, int max, Instant now) {
        List<Object[]> subjects = identity.createQuery("select s.id, s.uid, s.status, s.faceDeletionDueAt "
                        + "from Subject s where s.id > :after order by s.id", Object[].class)
                .setParameter("after", afterSubjectId)
                .setMaxResults(max)
                .getResultList();
        if (subjects.isEmpty()) {
            return new EligiblePage(afterSubjectId, 0, Map.of());
        }
        long last = (Long) subjects.get(subjects.size() - 1)[0];
        Map<Long, String> candidates = new HashMap<>();
        for (Object[] s : subjects) {
            if (s[2] == SubjectStatus.ACTIVE && s[3] == null) {
                candidates.put((Long) s[0], (String) s[1]);
            }
        }
        if (candidates.isEmpty()) {
            return new EligiblePage(last, subjects.size(), Map.of());
        }
        // The same subject-id range, not an IN list: one statement text (its plan cached), a range of the index.
        List<Object[]> consents = identity.createQuery("select c.subject.id, c.givenAt, c.withdrawnAt, "
                        + "c.retainUntil from ConsentRecord c where c.subject.id > :after and c.subject.id <= :last "
                        + "and c.purpose = :purpose", Object[].class)
                .setParameter("after", afterSubjectId)
                .setParameter("last", last)
                .setParameter("purpose", ConsentPurpose.FACE_IDENTIFICATION)
                .getResultList();
        return new EligiblePage(last, subjects.size(), eligible(consents.stream()
                .filter(c -> candidates.containsKey((Long) c[0]))
                .map(c -> new Object[] {candidates.get((Long) c[0]), c[1], c[2], c[3]}).toList(), now));
    }

    /**
     * A page of eligible subjects.
     *
     * @param lastSubjectId the key to continue after
     * @param subjects      subjects read (0: no more)
     * @param consentUntil  eligible subjects of the page with the end of their consent
     */
    public record EligiblePage(long lastSubjectId, int subjects, Map<String, Long> consentUntil) {
    }

    /** As {@link #eligibleSubjects(Instant)} for one subject; empty when it may not be searched. */
    public Optional<Long> eligibleSubject(String uid, Instant now) {
        Map<String, Long> found = eligible(identity.createQuery("select s.uid, c.givenAt, c.withdrawnAt, "
                        + "c.retainUntil from ConsentRecord c join c.subject s where s.uid = :uid "
                        + "and s.status = :active and c.purpose = :purpose and s.faceDeletionDueAt is null",
                        Object[].class)
                .setParameter("uid", uid)
                .setParameter("active", SubjectStatus.ACTIVE)
                .setParameter("purpose", ConsentPurpose.FACE_IDENTIFICATION)
                .getResultList(), now);
        return Optional.ofNullable(found.get(uid));
    }

    /** Consent rows to the latest end of an effective consent per subject (same rule as ConsentRecord.isEffectiveAt). */
    private static Map<String, Long> eligible(List<Object[]> rows, Instant now) {
        Map<String, Long> out = new HashMap<>();
        for (Object[] row : rows) {
            Instant given = (Instant) row[1];
            Instant withdrawn = (Instant) row[2];
            Instant retainUntil = (Instant) row[3];
            boolean effective = !now.isBefore(given) && (withdrawn == null || now.isBefore(withdrawn))
                    && (retainUntil == null || now.isBefore(retainUntil));
            if (effective) {
                long until = retainUntil == null ? Long.MAX_VALUE : retainUntil.toEpochMilli();
                if (withdrawn != null) {
                    until = Math.min(until, withdrawn.toEpochMilli());
                }
                out.merge((String) row[0], until, Math::max);
            }
        }
        return out;
    }

    /** Up to {@code max} reference rows with a database id above {@code afterId}, in id order. */
    public List<StoredRow> referencesAfter(long afterId, int max) {
        return biometric.createQuery("select r from FaceReference r where r.id > :after order by r.id",
                        FaceReference.class)
                .setParameter("after", afterId)
                .setMaxResults(max)
                .getResultList().stream().map(GalleryStoreReader::row).toList();
    }

    /** Every reference row of one subject (by its pseudonym). */
    public List<StoredRow> referencesOf(String pseudonym) {
        return biometric.createQuery("select r from FaceReference r where r.pseudonym = :p order by r.id",
                        FaceReference.class)
                .setParameter("p", pseudonym)
                .getResultList().stream().map(GalleryStoreReader::row).toList();
    }

    /** How many reference rows the biometric store holds (for the load log and the consistency check). */
    public long referenceCount() {
        return biometric.createQuery("select count(r) from FaceReference r", Long.class).getSingleResult();
    }

    private static StoredRow row(FaceReference r) {
        return new StoredRow(r.id(), r.referenceId(), r.pseudonym(), r.protectionDomain(), r.keyVersion(),
                r.template());
    }
}
