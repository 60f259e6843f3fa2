package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Whatever bytes a stored row holds, reading it ends in a coded failure, never in an unexpected exception (which
 * the REST layer would have to turn into a 500); and the protector is safe to share between threads.
 */
class ProtectedTemplateRobustnessTest {
    @TempDir
    Path dir;

    static final Set<FailureCode> EXPECTED = EnumSet.of(FailureCode.TEMPLATE_INTEGRITY_FAILED,
            FailureCode.TEMPLATE_KEY_DESTROYED, FailureCode.TEMPLATE_INVALID, FailureCode.APPLICATION_DOMAIN_UNKNOWN);

    @Test
    void garbledRowsOnlyEverFailWithACode() {
        ProtectionFixture f = new ProtectionFixture(dir);
        f.keys.createDomainKeyVersion(ProtectionFixture.COUNTER);
        Random random = new Random(99);
        TemplateBinding binding = new TemplateBinding("pseudonym", "0123456789abcdef0123456789abcdef",
                ProtectionFixture.COUNTER);
        byte[] valid = f.protector.protect(ProtectionFixture.randomUnitVector(random, 512), binding,
                f.keys.createDataKey()).encode();
        int accepted = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] bytes;
            switch (round % 3) {
                case 0 -> { // random bytes of random length, sometimes starting like a v1 template
                    bytes = new byte[random.nextInt(2200)];
                    random.nextBytes(bytes);
                    if (bytes.length > 0 && random.nextBoolean()) {
                        bytes[0] = 1;
                    }
                }
                case 1 -> { // the valid row with 1-3 random bytes changed
                    bytes = valid.clone();
                    for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                }
                default -> { // the valid row cut or extended
                    bytes = java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 40));
                }
            }
            try {
                f.protector.open(ProtectedTemplate.decode(bytes), binding);
                accepted++; // only possible when the change left the bytes as they were
                assertArrayEquals(valid, bytes);
            } catch (FaceTrustException e) {
                assertTrue(EXPECTED.contains(e.failureCode()), "unexpected code " + e.failureCode());
            } catch (RuntimeException e) {
                fail("garbled row escaped as " + e, e);
            }
        }
        assertTrue(accepted < 50, "accepted " + accepted);
    }

    @Test
    void protectorIsSafeToShareBetweenThreads() throws Exception {
        ProtectionFixture f = new ProtectionFixture(dir);
        f.keys.createDomainKeyVersion(ProtectionFixture.COUNTER);
        f.keys.createDomainKeyVersion(ProtectionFixture.MOBILE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int ok = 0;
                    for (int i = 0; i < 40; i++) {
                        float[] x = ProtectionFixture.randomUnitVector(random, 512);
                        TemplateBinding b = new TemplateBinding("p" + seed, UUID.randomUUID().toString(),
                                i % 2 == 0 ? ProtectionFixture.COUNTER : ProtectionFixture.MOBILE);
                        ProtectedTemplate stored = f.protector.protect(x, b, f.keys.createDataKey());
                        if (Math.abs(f.protector.compare(x, stored, b) - 1.0) < 1e-5) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> r : results) {
                assertEquals(40, r.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
