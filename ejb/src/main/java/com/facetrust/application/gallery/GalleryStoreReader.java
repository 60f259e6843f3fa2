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
     * One page of {@link #eligibleSubjects(Instant)} by keyset pagination on the consent row id (the start-up load
     * reads a large identity store without a whole-table result): the consent rows with an id above
     * {@code afterConsentId}, at most {@code max}. A subject's rows may fall on two pages; the caller keeps the later
     * end per subject.
     */
    public EligiblePage eligibleSubjectsAfter(long afterConsentId, int max, Instant now) {
        List<Object[]> rows = identity.createQuery("select c.id, s.uid, c.givenAt, c.withdrawnAt, c.retainUntil "
                        + "from ConsentRecord c join c.subject s where c.id > :after and s.status = :active "
                        + "and c.purpose = :purpose and s.faceDeletionDueAt is null order by c.id",
                        Object[].class)
                .setParameter("after", afterConsentId)
                .setParameter("active", SubjectStatus.ACTIVE)
                .setParameter("purpose", ConsentPurpose.FACE_IDENTIFICATION)
                .setMaxResults(max)
                .getResultList();
        if (rows.isEmpty()) {
            return new EligiblePage(afterConsentId, 0, Map.of());
        }
        long last = (Long) rows.get(rows.size() - 1)[0];
        return new EligiblePage(last, rows.size(), eligible(rows.stream()
                .map(r -> new Object[] {r[1], r[2], r[3], r[4]}).toList(), now));
    }

    /**
     * A page of eligible subjects.
     *
     * @param lastConsentId the key to continue after
     * @param rows          consent rows read (0: no more)
     * @param consentUntil  eligible subjects of the page with the end of their consent
     */
    public record EligiblePage(long lastConsentId, int rows, Map<String, Long> consentUntil) {
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
