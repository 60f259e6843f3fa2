package com.facetrust.domain.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules of the identity-store entities that hold without a database. */
class IdentityEntitiesTest {
    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");

    @Test
    void uidsAre128RandomBitsInHex() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String uid = SubjectUid.generate().value();
            assertTrue(SubjectUid.isWellFormed(uid), uid);
            assertTrue(seen.add(uid), "no repeats (A-5.1c)");
        }
        assertThrows(IllegalArgumentException.class, () -> new SubjectUid("ABCDEF0123456789abcdef0123456789"));
        assertThrows(IllegalArgumentException.class, () -> new SubjectUid("abc"));
        assertFalse(SubjectUid.isWellFormed(null));
    }

    @Test
    void theEarliestDeletionGroundWins() {
        Subject subject = new Subject(SubjectUid.generate(), T0);
        assertEquals(SubjectStatus.ACTIVE, subject.status());
        subject.scheduleDeletion(T0, T0.plus(Duration.ofDays(15)), "INACTIVITY", "system");
        subject.scheduleDeletion(T0, T0.plus(Duration.ofDays(30)), "INACTIVITY", "system");
        assertEquals(T0.plus(Duration.ofDays(15)), subject.deletionDueAt(), "a later ground never postpones");
        subject.scheduleDeletion(T0, T0.plus(Duration.ofDays(3)), "DEREGISTERED", "operator");
        assertEquals(T0.plus(Duration.ofDays(3)), subject.deletionDueAt());
        assertEquals(SubjectStatus.DELETION_PENDING, subject.status());
        assertThrows(IllegalStateException.class, () -> subject.markUsed(T0.plusSeconds(5)),
                "a subject pending deletion is not used any more");
    }

    @Test
    void groundFollowsTheEarliestDueDateAndTheTombstoneDropsTheDataKey() {
        Subject subject = new Subject(SubjectUid.generate(), T0);
        java.util.UUID key = java.util.UUID.randomUUID();
        subject.assignDataKey(key);
        subject.assignDataKey(key); // same key again is harmless
        assertThrows(IllegalStateException.class, () -> subject.assignDataKey(java.util.UUID.randomUUID()),
                "a silent key switch would lose the templates under the first key");
        subject.scheduleDeletion(T0, T0.plus(Duration.ofDays(10)), "INACTIVITY", "system");
        subject.scheduleDeletion(T0, T0.plus(Duration.ofDays(12)), "STORAGE_PERIOD_ENDED", "system");
        assertEquals("INACTIVITY", subject.deletionGround().orElseThrow(), "the later ground does not take over");
        subject.scheduleDeletion(T0, T0.plus(Duration.ofDays(1)), "CONSENT_WITHDRAWN", "operator");
        assertEquals("CONSENT_WITHDRAWN", subject.deletionGround().orElseThrow());
        assertEquals(key, subject.dataKeyId().orElseThrow());

        subject.markDeleted(T0.plus(Duration.ofDays(1)), "system");
        assertEquals(SubjectStatus.DELETED, subject.status());
        // History: registered, INACTIVITY scheduled, ground changed to CONSENT_WITHDRAWN, deleted; the later
        // STORAGE_PERIOD_ENDED changed nothing and is not recorded.
        java.util.List<SubjectStatusChange> history = subject.history();
        assertEquals(4, history.size(), history.toString());
        assertEquals(null, history.get(0).fromStatus());
        assertEquals("REGISTERED", history.get(0).ground());
        assertEquals(SubjectStatus.DELETION_PENDING, history.get(1).toStatus());
        assertEquals("INACTIVITY", history.get(1).ground());
        assertEquals("CONSENT_WITHDRAWN", history.get(2).ground());
        assertEquals("operator", history.get(2).changedBy());
        assertEquals(SubjectStatus.DELETION_PENDING, history.get(3).fromStatus());
        assertEquals(SubjectStatus.DELETED, history.get(3).toStatus());
        assertTrue(subject.dataKeyId().isEmpty(), "the tombstone keeps no key id");
        assertEquals(T0.plus(Duration.ofDays(1)), subject.deletedAt());
        assertEquals("CONSENT_WITHDRAWN", subject.deletionGround().orElseThrow(), "the ground stays for the audit");
    }

    @Test
    void faceDataShreddingKeepsTheSubjectAndRetiresTheOldKey() {
        Subject subject = new Subject(SubjectUid.generate(), T0, "operator");
        java.util.UUID key = java.util.UUID.randomUUID();
        subject.assignDataKey(key);
        subject.scheduleFaceDeletion(T0, T0.plus(Duration.ofDays(2)), "FACE_CONSENT_WITHDRAWN", "operator");
        subject.scheduleFaceDeletion(T0, T0.plus(Duration.ofDays(5)), "FACE_CONSENT_EXPIRED", "system");
        assertEquals(T0.plus(Duration.ofDays(2)), subject.faceDeletionDueAt().orElseThrow());
        java.util.UUID fresh = java.util.UUID.randomUUID();
        subject.faceDataShredded(fresh, T0.plus(Duration.ofDays(1)), "system");
        assertEquals(SubjectStatus.ACTIVE, subject.status());
        assertEquals(fresh, subject.dataKeyId().orElseThrow());
        assertEquals(key, subject.retiredDataKeyId().orElseThrow());
        assertTrue(subject.faceDeletionDueAt().isEmpty());
        assertEquals(java.util.List.of("REGISTERED", "FACE_CONSENT_WITHDRAWN", "FACE_DATA_DELETED"),
                subject.history().stream().map(SubjectStatusChange::ground).toList());
        subject.retiredDataKeyDestroyed();
        assertTrue(subject.retiredDataKeyId().isEmpty());
    }

    @Test
    void useOnlyMovesForward() {
        Subject subject = new Subject(SubjectUid.generate(), T0);
        subject.markUsed(T0.plusSeconds(60));
        subject.markUsed(T0.plusSeconds(30));
        assertEquals(T0.plusSeconds(60), subject.lastUsedAt());
    }

    @Test
    void consentIsEffectiveFromGivenUntilWithdrawnOrExpired() {
        Subject subject = new Subject(SubjectUid.generate(), T0);
        ConsentRecord consent = new ConsentRecord(subject, ConsentPurpose.FACE_VERIFICATION, "face-2", "kiosk", T0,
                T0.plus(Duration.ofDays(365)));
        assertFalse(consent.isEffectiveAt(T0.minusSeconds(1)));
        assertTrue(consent.isEffectiveAt(T0));
        assertFalse(consent.isEffectiveAt(T0.plus(Duration.ofDays(365))), "storage period over (A-7.3b)");

        consent.withdraw(T0.plus(Duration.ofDays(10)));
        consent.withdraw(T0.plus(Duration.ofDays(20)));
        assertEquals(T0.plus(Duration.ofDays(10)), consent.withdrawnAt(), "the first withdrawal starts the clock");
        assertTrue(consent.isEffectiveAt(T0.plus(Duration.ofDays(9))));
        assertFalse(consent.isEffectiveAt(T0.plus(Duration.ofDays(10))));
    }

    @Test
    void consentNeedsItsNoticeVersionAndChannel() {
        Subject subject = new Subject(SubjectUid.generate(), T0);
        assertThrows(IllegalArgumentException.class,
                () -> new ConsentRecord(subject, ConsentPurpose.PRIVACY_POLICY, " ", "web", T0, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ConsentRecord(subject, ConsentPurpose.PRIVACY_POLICY, "p-1", "w".repeat(33), T0, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ConsentRecord(subject, ConsentPurpose.PRIVACY_POLICY, "p-1", "web", T0, T0));
        ConsentRecord consent = new ConsentRecord(subject, ConsentPurpose.PRIVACY_POLICY, "p-1", "web", T0, null);
        assertThrows(IllegalArgumentException.class, () -> consent.withdraw(T0.minusSeconds(1)));
    }
}
