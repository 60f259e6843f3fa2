package com.facetrust.infrastructure.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keyed pseudonyms (B-5.4.2, C-6.1.5): stable for one key, unrelated under another, never containing the UID. */
class HmacSubjectPseudonymizerTest {
    @TempDir
    Path dir;

    @Test
    void stablePerKeyAndUnrelatedAcrossKeys() {
        ProtectionFixture one = new ProtectionFixture(dir.resolve("one"));
        ProtectionFixture two = new ProtectionFixture(dir.resolve("two"));
        HmacSubjectPseudonymizer a = new HmacSubjectPseudonymizer(one.master);
        HmacSubjectPseudonymizer reopened = new HmacSubjectPseudonymizer(Pkcs12MasterKeyProvider.open(one.masterConfig));
        HmacSubjectPseudonymizer b = new HmacSubjectPseudonymizer(two.master);
        String uid = "7c3e9a52-1f0b-4d5e-9a7b-2c8d4e6f1a3b";
        String p = a.pseudonym(uid);
        assertEquals(43, p.length());
        assertTrue(p.matches("[A-Za-z0-9_-]{43}"));
        assertEquals(p, reopened.pseudonym(uid));
        assertNotEquals(p, b.pseudonym(uid));
        assertNotEquals(p, a.pseudonym(uid + "x"));
        assertFalse(p.contains(uid.substring(0, 8)));
    }
}
