package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.protection.ApplicationDomain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cancellable transform (A-7.2b, D-3.6): orthogonal, deterministic per key, different per key. */
class OrthogonalDomainTransformTest {
    static final ApplicationDomain DOMAIN = ApplicationDomain.of("branch-counter");
    static OrthogonalDomainTransform q512;
    static SecretKey key;

    @BeforeAll
    static void derive() {
        byte[] bytes = new byte[32];
        new Random(1).nextBytes(bytes);
        key = new SecretKeySpec(bytes, "HmacSHA256");
        q512 = OrthogonalDomainTransform.derive(key, DOMAIN, 1, 512);
    }

    @Test
    void matrixIsOrthogonal() {
        int n = q512.dimension();
        double worst = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q512.element(i, a) * q512.element(i, b);
                }
                worst = Math.max(worst, Math.abs(dot - (a == b ? 1 : 0)));
            }
        }
        assertTrue(worst < 1e-10, "Q^T Q deviates from I by " + worst);
    }

    @Test
    void cosinePreservedAndInverseIsTranspose() {
        Random random = new Random(7);
        for (int t = 0; t < 200; t++) {
            float[] x = ProtectionFixture.randomUnitVector(random, 512);
            float[] z = ProtectionFixture.correlatedUnitVector(random, x, random.nextDouble() * 2 - 1);
            double before = AesGcmTemplateProtector.cosine(x, z);
            double[] qx = q512.apply(x);
            double[] qz = q512.apply(z);
            double after = cosine(qx, qz);
            assertEquals(before, after, 1e-6);
            double[] back = q512.invert(qx);
            for (int i = 0; i < 512; i++) {
                assertEquals(x[i], back[i], 1e-6);
            }
        }
    }

    @Test
    void deterministicForKeyDomainAndVersion() {
        OrthogonalDomainTransform again = OrthogonalDomainTransform.derive(key, DOMAIN, 1, 512);
        for (int i = 0; i < 512; i += 37) {
            for (int j = 0; j < 512; j += 41) {
                assertEquals(q512.element(i, j), again.element(i, j), 0.0);
            }
        }
    }

    @Test
    void otherKeyVersionOrDomainGivesUnrelatedTransform() {
        byte[] other = key.getEncoded();
        other[0] ^= 1;
        OrthogonalDomainTransform otherKey = OrthogonalDomainTransform.derive(
                new SecretKeySpec(other, "HmacSHA256"), DOMAIN, 1, 512);
        OrthogonalDomainTransform otherVersion = OrthogonalDomainTransform.derive(key, DOMAIN, 2, 512);
        OrthogonalDomainTransform otherDomain = OrthogonalDomainTransform.derive(key,
                ApplicationDomain.of("mobile-banking"), 1, 512);
        float[] x = ProtectionFixture.randomUnitVector(new Random(3), 512);
        double[] y = q512.apply(x);
        for (OrthogonalDomainTransform t : new OrthogonalDomainTransform[]{otherKey, otherVersion, otherDomain}) {
            assertNotEquals(q512.element(0, 0), t.element(0, 0));
            // Same face under two keys: cosine ~ N(0, 1/512), |c| < 0.25 is > 5 standard deviations.
            assertTrue(Math.abs(cosine(y, t.apply(x))) < 0.25);
        }
    }

    @Test
    void destroyedTransformRefusesWork() {
        OrthogonalDomainTransform t = OrthogonalDomainTransform.derive(key, DOMAIN, 9, 8);
        t.destroy();
        assertEquals(0.0, t.element(0, 0));
        assertThrows(IllegalStateException.class, () -> t.apply(new float[8]));
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
