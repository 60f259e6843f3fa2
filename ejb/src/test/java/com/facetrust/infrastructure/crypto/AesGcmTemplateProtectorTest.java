package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Protected templates: round trip, comparison preserved, and every kind of tampering with a stored row detected
 * with a coded error (D-8.2.4e, A-5.7.1c); crypto-shredding (D-8.2.5g).
 */
class AesGcmTemplateProtectorTest {
    @TempDir
    Path dir;
    ProtectionFixture f;
    final Random random = new Random(42);
    UUID aliceKey;
    UUID bobKey;
    TemplateBinding alice;
    TemplateBinding bob;

    @BeforeEach
    void setUp() {
        f = new ProtectionFixture(dir);
        f.keys.createDomainKeyVersion(ProtectionFixture.COUNTER);
        f.keys.createDomainKeyVersion(ProtectionFixture.MOBILE);
        aliceKey = f.keys.createDataKey();
        bobKey = f.keys.createDataKey();
        HmacSubjectPseudonymizer pseudonyms = new HmacSubjectPseudonymizer(f.master);
        alice = new TemplateBinding(pseudonyms.pseudonym("uid-alice"), UUID.randomUUID().toString(), ProtectionFixture.COUNTER);
        bob = new TemplateBinding(pseudonyms.pseudonym("uid-bob"), UUID.randomUUID().toString(), ProtectionFixture.COUNTER);
    }

    @Test
    void roundTripYieldsTheProtectedSpaceVectorNotTheEmbedding() {
        float[] x = ProtectionFixture.randomUnitVector(random, 512);
        ProtectedTemplate t = f.protector.protect(x, alice, aliceKey);
        ProtectedTemplate stored = ProtectedTemplate.decode(t.encode());
        assertEquals(t, stored);
        float[] opened = f.protector.open(stored, alice);
        assertArrayEquals(f.protector.transformProbe(x, ProtectionFixture.COUNTER, 1), opened, 1e-6f);
        assertTrue(Math.abs(AesGcmTemplateProtector.cosine(x, opened)) < 0.25, "stored vector must not be x itself");
        assertEquals(1.0, f.protector.compare(x, stored, alice), 1e-5);
        assertEquals(2 + "branch-counter".length() + 4 + 16 + 2 + 12 + 512 * 4 + 16, t.encode().length);
    }

    @Test
    void comparisonScoresEqualPlainCosine() {
        double worst = 0;
        for (int i = 0; i < 100; i++) {
            float[] reference = ProtectionFixture.randomUnitVector(random, 512);
            float[] probe = ProtectionFixture.correlatedUnitVector(random, reference, random.nextDouble() * 1.6 - 0.6);
            ProtectedTemplate t = f.protector.protect(reference, alice, aliceKey);
            double protectedScore = f.protector.compare(probe, t, alice);
            worst = Math.max(worst, Math.abs(protectedScore - AesGcmTemplateProtector.cosine(reference, probe)));
        }
        assertTrue(worst < 1e-5, "largest score change " + worst);
    }

    @Test
    void freshIvEveryTime() {
        float[] x = ProtectionFixture.randomUnitVector(random, 512);
        ProtectedTemplate a = f.protector.protect(x, alice, aliceKey);
        ProtectedTemplate b = f.protector.protect(x, alice, aliceKey);
        assertFalse(Arrays.equals(a.iv(), b.iv()));
        assertFalse(Arrays.equals(a.ciphertext(), b.ciphertext()));
    }

    @Test
    void editedCiphertextFailsIntegrity() {
        byte[] stored = f.protector.protect(ProtectionFixture.randomUnitVector(random, 512), alice, aliceKey).encode();
        for (int position : new int[]{stored.length - 1, stored.length - 17, stored.length - 600}) {
            byte[] edited = stored.clone();
            edited[position] ^= 0x01;
            assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED,
                    () -> f.protector.open(ProtectedTemplate.decode(edited), alice));
        }
    }

    @Test
    void editedHeaderFailsIntegrity() {
        ProtectedTemplate t = f.protector.protect(ProtectionFixture.randomUnitVector(random, 512), alice, aliceKey);
        byte[] ivEdited = t.iv();
        ivEdited[0] ^= 1;
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> f.protector.open(new ProtectedTemplate(
                1, t.domain(), t.domainKeyVersion(), t.dataKeyId(), t.dimension(), ivEdited, t.ciphertext()), alice));
        // Pointing the header at another subject's data key.
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> f.protector.open(new ProtectedTemplate(
                1, t.domain(), t.domainKeyVersion(), bobKey, t.dimension(), t.iv(), t.ciphertext()), alice));
        // Claiming another (live) key version.
        f.keys.createDomainKeyVersion(ProtectionFixture.COUNTER);
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> f.protector.open(new ProtectedTemplate(
                1, t.domain(), 2, t.dataKeyId(), t.dimension(), t.iv(), t.ciphertext()), alice));
    }

    @Test
    void swappedPseudonymFailsIntegrity() {
        ProtectedTemplate t = f.protector.protect(ProtectionFixture.randomUnitVector(random, 512), alice, aliceKey);
        TemplateBinding movedToBob = new TemplateBinding(bob.pseudonym(), alice.referenceId(), alice.domain());
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> f.protector.open(t, movedToBob));
    }

    @Test
    void swappedReferenceIdFailsIntegrity() {
        ProtectedTemplate t = f.protector.protect(ProtectionFixture.randomUnitVector(random, 512), alice, aliceKey);
        TemplateBinding otherReference = new TemplateBinding(alice.pseudonym(), UUID.randomUUID().toString(), alice.domain());
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> f.protector.open(t, otherReference));
    }

    @Test
    void swappedRowsBetweenSubjectsFailIntegrity() {
        ProtectedTemplate ofAlice = f.protector.protect(ProtectionFixture.randomUnitVector(random, 512), alice, aliceKey);
        ProtectedTemplate ofBob = f.protector.protect(ProtectionFixture.randomUnitVector(random, 512), bob, bobKey);
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> f.protector.open(ofBob, alice));
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> f.protector.open(ofAlice, bob));
    }

    @Test
    void wrongDomainFailsIntegrity() {
        ProtectedTemplate t = f.protector.protect(ProtectionFixture.randomUnitVector(random, 512), alice, aliceKey);
        TemplateBinding mobileRow = new TemplateBinding(alice.pseudonym(), alice.referenceId(), ProtectionFixture.MOBILE);
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> f.protector.open(t, mobileRow));
        // Header re-labelled to the other domain as well: the tag still binds the original header.
        ProtectedTemplate relabelled = new ProtectedTemplate(1, ProtectionFixture.MOBILE, t.domainKeyVersion(),
                t.dataKeyId(), t.dimension(), t.iv(), t.ciphertext());
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> f.protector.open(relabelled, mobileRow));
    }

    @Test
    void malformedStoredBytesFailIntegrity() {
        byte[] stored = f.protector.protect(ProtectionFixture.randomUnitVector(random, 512), alice, aliceKey).encode();
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> ProtectedTemplate.decode(new byte[0]));
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED,
                () -> ProtectedTemplate.decode(Arrays.copyOf(stored, stored.length - 1)));
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED,
                () -> ProtectedTemplate.decode(Arrays.copyOf(stored, stored.length + 1)));
        byte[] version2 = stored.clone();
        version2[0] = 2;
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> ProtectedTemplate.decode(version2));
        byte[] badDomain = stored.clone();
        badDomain[2] = 'X';
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> ProtectedTemplate.decode(badDomain));
    }

    @Test
    void invalidEmbeddingsAreRefusedWithTheirReason() {
        FaceTrustException e = assertFailure(FailureCode.TEMPLATE_INVALID,
                () -> f.protector.protect(new float[128], alice, aliceKey));
        assertEquals("wrong-dimension", e.reasons().get(0));
        float[] scaled = ProtectionFixture.randomUnitVector(random, 512);
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 3;
        }
        assertEquals("not-unit-length", assertFailure(FailureCode.TEMPLATE_INVALID,
                () -> f.protector.protect(scaled, alice, aliceKey)).reasons().get(0));
        float[] nan = ProtectionFixture.randomUnitVector(random, 512);
        nan[5] = Float.NaN;
        assertEquals("not-finite", assertFailure(FailureCode.TEMPLATE_INVALID,
                () -> f.protector.protect(nan, alice, aliceKey)).reasons().get(0));
    }

    @Test
    void authenticTemplateOfAnotherDimensionIsRefusedNotCrashed() {
        AesGcmTemplateProtector small = new AesGcmTemplateProtector(f.keys, new TemplateProtectionConfig(128, 1e-3));
        ProtectedTemplate t128 = small.protect(ProtectionFixture.randomUnitVector(random, 128), alice, aliceKey);
        assertEquals("wrong-dimension", assertFailure(FailureCode.TEMPLATE_INVALID,
                () -> f.protector.compare(ProtectionFixture.randomUnitVector(random, 512), t128, alice)).reasons().get(0));
    }

    @Test
    void unknownDomainIsCoded() {
        TemplateBinding unknown = new TemplateBinding(alice.pseudonym(), UUID.randomUUID().toString(),
                ApplicationDomain.of("never-registered"));
        assertFailure(FailureCode.APPLICATION_DOMAIN_UNKNOWN,
                () -> f.protector.protect(ProtectionFixture.randomUnitVector(random, 512), unknown, aliceKey));
        assertFailure(FailureCode.BAD_REQUEST, () -> ApplicationDomain.of("Bad Name"));
        assertFailure(FailureCode.BAD_REQUEST, () -> new TemplateBinding("has space", "0123abcd", ProtectionFixture.COUNTER));
        assertFailure(FailureCode.BAD_REQUEST, () -> new TemplateBinding(alice.pseudonym(), "", ProtectionFixture.COUNTER));
    }

    /**
     * Crypto-shredding: once the subject's data key is destroyed, a copy of the stored row (as a database backup
     * would keep it) can no longer be decrypted, although the master key and the domain key still exist.
     */
    @Test
    void destroyingTheDataKeyShredsTheTemplate() throws Exception {
        float[] x = ProtectionFixture.randomUnitVector(random, 512);
        byte[] backupCopy = f.protector.protect(x, alice, aliceKey).encode();
        Path keyFile = f.keyDirectory.resolve("data-keys").resolve(aliceKey + ".key");
        assertTrue(Files.exists(keyFile));
        assertEquals(1.0, f.protector.compare(x, ProtectedTemplate.decode(backupCopy), alice), 1e-5);

        f.keys.destroyDataKey(aliceKey);

        assertFalse(Files.exists(keyFile));
        assertFalse(f.keys.dataKeyExists(aliceKey));
        FaceTrustException e = assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED,
                () -> f.protector.open(ProtectedTemplate.decode(backupCopy), alice));
        assertEquals("data-key-destroyed", e.reasons().get(0));
        // A restarted server (fresh key store over the same directory) cannot decrypt it either.
        AesGcmTemplateProtector restarted = new AesGcmTemplateProtector(
                new FileTemplateKeyStore(f.keyDirectory, Pkcs12MasterKeyProvider.open(f.masterConfig)),
                TemplateProtectionConfig.defaults());
        assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED,
                () -> restarted.open(ProtectedTemplate.decode(backupCopy), alice));
        // Bob is unaffected.
        ProtectedTemplate ofBob = f.protector.protect(x, bob, bobKey);
        assertEquals(1.0, restarted.compare(x, ofBob, bob), 1e-5);
        f.keys.destroyDataKey(aliceKey); // idempotent
    }

    @Test
    void sameFaceInTwoDomainsGivesUnrelatedStoredVectors() {
        float[] x = ProtectionFixture.randomUnitVector(random, 512);
        TemplateBinding mobile = new TemplateBinding(alice.pseudonym(), UUID.randomUUID().toString(), ProtectionFixture.MOBILE);
        float[] inCounter = f.protector.open(f.protector.protect(x, alice, aliceKey), alice);
        float[] inMobile = f.protector.open(f.protector.protect(x, mobile, aliceKey), mobile);
        double crossDomain = AesGcmTemplateProtector.cosine(inCounter, inMobile);
        assertTrue(Math.abs(crossDomain) < 0.25, "cross-domain cosine of one face " + crossDomain);
        assertNotEquals(inCounter[0], inMobile[0]);
    }

    static FaceTrustException assertFailure(FailureCode expected, Executable action) {
        FaceTrustException e = assertThrows(FaceTrustException.class, action);
        assertEquals(expected, e.failureCode(), e.getMessage());
        return e;
    }
}
