package com.facetrust.infrastructure.audit;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit chain's MAC and verifier (A-8.6, D-8.2.5b: the log cannot be altered or deleted unnoticed): a chain
 * written like the server writes it verifies; editing any column, deleting a row (middle or tail), swapping two rows,
 * renumbering after a deletion or re-MACing with another key is each detected at the right sequence number.
 */
class AuditChainVerifierTest {
    private static final Instant T0 = Instant.parse("2026-11-22T04:00:00.123456789Z");

    private static UnaryOperator<byte[]> hmac(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return message -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(message);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static final UnaryOperator<byte[]> KEY = hmac((byte) 7);

    /** n entries chained exactly as AuditTrail writes them. */
    private static List<ChainedEntry> chain(int n, UnaryOperator<byte[]> key) {
        List<ChainedEntry> entries = new ArrayList<>();
        byte[] prev = ChainedEntry.genesis();
        for (int i = 1; i <= n; i++) {
            ChainedEntry e = new ChainedEntry(i, T0.plusSeconds(i), "operator", i % 2 == 0 ? "facetrust-cli" : null,
                    "127.0.0.1", i == 3 ? "kiosk-7" : null, "ENROL", "pseudonym-" + i, "OK",
                    i == 4 ? "tx-4" : null, i == 4 ? "counter" : null, i == 4 ? "MATCH" : null, prev, null);
            e = e.withMac(key.apply(AuditChainCodec.canonical(e)));
            entries.add(e);
            prev = e.mac();
        }
        return entries;
    }

    private static ChainVerdict verify(List<ChainedEntry> entries, long headSeq, byte[] headMac) {
        AuditChainVerifier verifier = new AuditChainVerifier(KEY);
        for (ChainedEntry e : entries) {
            if (!verifier.accept(e)) {
                break;
            }
        }
        return verifier.finish(headSeq, headMac);
    }

    private static ChainVerdict verifyWithHead(List<ChainedEntry> entries, List<ChainedEntry> original) {
        ChainedEntry last = original.get(original.size() - 1);
        return verify(entries, last.sequence(), last.mac());
    }

    @Test
    void anUntouchedChainIsIntactAndAnEmptyOneToo() {
        List<ChainedEntry> entries = chain(6, KEY);
        ChainVerdict verdict = verifyWithHead(entries, entries);
        assertTrue(verdict.intact(), verdict.toString());
        assertEquals(6, verdict.entriesChecked());
        assertNull(verdict.firstBrokenSequence());
        assertTrue(verify(List.of(), 0, null).intact());
        assertArrayEquals(ChainedEntry.genesis(), entries.get(0).prevHash(), "genesis: 32 zero bytes");
    }

    @Test
    void editingAnyColumnIsDetectedAtThatEntry() {
        List<ChainedEntry> original = chain(6, KEY);
        List<UnaryOperator<ChainedEntry>> edits = List.of(
                e -> new ChainedEntry(e.sequence(), e.recordedAt().plusSeconds(1), e.principal(), e.clientId(),
                        e.sourceAddress(), e.device(), e.action(), e.target(), e.outcome(), e.transactionId(),
                        e.channel(), e.decision(), e.prevHash(), e.mac()),
                e -> new ChainedEntry(e.sequence(), e.recordedAt(), "intruder", e.clientId(), e.sourceAddress(),
                        e.device(), e.action(), e.target(), e.outcome(), e.transactionId(), e.channel(),
                        e.decision(), e.prevHash(), e.mac()),
                e -> new ChainedEntry(e.sequence(), e.recordedAt(), e.principal(), e.clientId(), "10.0.0.9",
                        e.device(), e.action(), e.target(), e.outcome(), e.transactionId(), e.channel(),
                        e.decision(), e.prevHash(), e.mac()),
                e -> new ChainedEntry(e.sequence(), e.recordedAt(), e.principal(), e.clientId(), e.sourceAddress(),
                        e.device(), e.action(), e.target(), "FT-4011", e.transactionId(), e.channel(),
                        e.decision(), e.prevHash(), e.mac()),
                e -> new ChainedEntry(e.sequence(), e.recordedAt(), e.principal(), e.clientId(), e.sourceAddress(),
                        e.device(), e.action(), e.target(), e.outcome(), e.transactionId(), e.channel(),
                        "NO_MATCH", e.prevHash(), e.mac()),
                // a null column set to the empty string is an edit too (length -1 vs 0)
                e -> new ChainedEntry(e.sequence(), e.recordedAt(), e.principal(), e.clientId(), e.sourceAddress(),
                        "", e.action(), e.target(), e.outcome(), e.transactionId(), e.channel(),
                        e.decision(), e.prevHash(), e.mac()));
        for (UnaryOperator<ChainedEntry> edit : edits) {
            List<ChainedEntry> tampered = new ArrayList<>(original);
            tampered.set(3, edit.apply(original.get(3)));
            ChainVerdict verdict = verifyWithHead(tampered, original);
            assertFalse(verdict.intact());
            assertEquals(4L, verdict.firstBrokenSequence());
            assertTrue(verdict.reason().contains("MAC"), verdict.reason());
        }
    }

    @Test
    void shiftingTextBetweenColumnsChangesTheEncoding() {
        ChainedEntry a = chain(1, KEY).get(0);
        ChainedEntry shifted = new ChainedEntry(a.sequence(), a.recordedAt(), a.principal() + "1", a.clientId(),
                a.sourceAddress().substring(1), a.device(), a.action(), a.target(), a.outcome(), a.transactionId(),
                a.channel(), a.decision(), a.prevHash(), null);
        assertNotEquals(Arrays.toString(AuditChainCodec.canonical(a.withMac(null))),
                Arrays.toString(AuditChainCodec.canonical(shifted)));
    }

    @Test
    void aDeletedRowIsDetectedAsAGap() {
        List<ChainedEntry> original = chain(6, KEY);
        List<ChainedEntry> tampered = new ArrayList<>(original);
        tampered.remove(2); // seq 3
        ChainVerdict verdict = verifyWithHead(tampered, original);
        assertFalse(verdict.intact());
        assertEquals(3L, verdict.firstBrokenSequence());
        assertTrue(verdict.reason().contains("missing"), verdict.reason());
    }

    @Test
    void deletingAndRenumberingBreaksTheMac() {
        List<ChainedEntry> original = chain(6, KEY);
        List<ChainedEntry> tampered = new ArrayList<>(original.subList(0, 2));
        for (ChainedEntry e : original.subList(3, 6)) { // seq 4..6 renumbered to 3..5
            tampered.add(new ChainedEntry(e.sequence() - 1, e.recordedAt(), e.principal(), e.clientId(),
                    e.sourceAddress(), e.device(), e.action(), e.target(), e.outcome(), e.transactionId(),
                    e.channel(), e.decision(), e.prevHash(), e.mac()));
        }
        ChainVerdict verdict = verify(tampered, 5, tampered.get(4).mac());
        assertFalse(verdict.intact());
        assertEquals(3L, verdict.firstBrokenSequence());
    }

    @Test
    void swappingTwoRowsIsDetected() {
        List<ChainedEntry> original = chain(6, KEY);
        // Swap the contents of rows 2 and 5 but keep the sequence column (as an UPDATE of the two rows would).
        List<ChainedEntry> tampered = new ArrayList<>(original);
        ChainedEntry two = original.get(1);
        ChainedEntry five = original.get(4);
        tampered.set(1, renumbered(five, 2));
        tampered.set(4, renumbered(two, 5));
        ChainVerdict verdict = verifyWithHead(tampered, original);
        assertFalse(verdict.intact());
        assertEquals(2L, verdict.firstBrokenSequence());
    }

    private static ChainedEntry renumbered(ChainedEntry e, long seq) {
        return new ChainedEntry(seq, e.recordedAt(), e.principal(), e.clientId(), e.sourceAddress(), e.device(),
                e.action(), e.target(), e.outcome(), e.transactionId(), e.channel(), e.decision(), e.prevHash(),
                e.mac());
    }

    @Test
    void aReplacedPrevHashWithValidMacsNeedsTheKey() {
        // An attacker with the chain but not the key re-chains the rows after a deletion with their own key.
        List<ChainedEntry> forged = chain(5, hmac((byte) 9));
        ChainVerdict verdict = verify(forged, 5, forged.get(4).mac());
        assertFalse(verdict.intact());
        assertEquals(1L, verdict.firstBrokenSequence());
    }

    @Test
    void aTruncatedTailIsDetectedThroughTheHead() {
        List<ChainedEntry> original = chain(6, KEY);
        ChainVerdict verdict = verifyWithHead(original.subList(0, 4), original);
        assertFalse(verdict.intact());
        assertEquals(5L, verdict.firstBrokenSequence());
        assertTrue(verdict.reason().contains("tail"), verdict.reason());
    }

    @Test
    void rowsBeyondTheHeadAndAForgedHeadAreDetected() {
        List<ChainedEntry> original = chain(6, KEY);
        ChainVerdict beyond = verify(original, 5, original.get(4).mac());
        assertFalse(beyond.intact());
        assertEquals(6L, beyond.firstBrokenSequence());
        ChainVerdict wrongHeadMac = verify(original, 6, original.get(4).mac());
        assertFalse(wrongHeadMac.intact());
        assertEquals(6L, wrongHeadMac.firstBrokenSequence());
    }

    @Test
    void theEncodingKeepsMicrosecondsOnly() {
        ChainedEntry e = chain(1, KEY).get(0);
        assertEquals(123456000, e.recordedAt().getNano(), "databases keep microseconds; the MAC covers what is stored");
    }
}
