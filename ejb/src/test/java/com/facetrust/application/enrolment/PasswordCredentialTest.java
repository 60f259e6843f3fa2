package com.facetrust.application.enrolment;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PBKDF2 password credential of the non-face way in (A-7.1b, B-5.5.2). */
class PasswordCredentialTest {
    private static final int ITERATIONS = 10_000; // the minimum, to keep the test fast; the server default is 600000

    @Test
    void derivedCredentialMatchesOnlyItsPasswordAndSurvivesEncoding() {
        PasswordCredential c = PasswordCredential.derive("correct horse battery".toCharArray(), ITERATIONS);
        assertTrue(c.matches("correct horse battery".toCharArray()));
        assertFalse(c.matches("correct horse batterY".toCharArray()));
        assertFalse(c.matches(new char[0]));
        assertFalse(c.matches(null));
        byte[] encoded = c.encode();
        assertEquals(1 + 4 + 16 + 32, encoded.length);
        PasswordCredential decoded = PasswordCredential.decode(encoded);
        assertEquals(ITERATIONS, decoded.iterations());
        assertTrue(decoded.matches("correct horse battery".toCharArray()));
        assertArrayEquals(encoded, decoded.encode());
    }

    @Test
    void everyCredentialHasItsOwnSalt() {
        byte[] a = PasswordCredential.derive("same password here".toCharArray(), ITERATIONS).encode();
        byte[] b = PasswordCredential.derive("same password here".toCharArray(), ITERATIONS).encode();
        assertFalse(java.util.Arrays.equals(a, b), "same password, different salt and hash");
    }

    @Test
    void policyRefusesShortLongAndRepeatedPasswords() {
        for (String bad : new String[]{"short", "x".repeat(129), "aaaaaaaaaaaa"}) {
            FaceTrustException e = assertThrows(FaceTrustException.class,
                    () -> PasswordCredential.derive(bad.toCharArray(), ITERATIONS));
            assertEquals(FailureCode.PASSWORD_REJECTED, e.failureCode());
        }
        assertThrows(IllegalArgumentException.class,
                () -> PasswordCredential.derive("long enough pass".toCharArray(), 1000));
    }

    @Test
    void aCorruptEncodingIsAnIntegrityFailure() {
        FaceTrustException e = assertThrows(FaceTrustException.class, () -> PasswordCredential.decode(new byte[7]));
        assertEquals(FailureCode.TEMPLATE_INTEGRITY_FAILED, e.failureCode());
    }
}
