package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.facetrust.infrastructure.crypto.AesGcmTemplateProtectorTest.assertFailure;
import static com.facetrust.infrastructure.crypto.ProtectionFixture.COUNTER;
import static com.facetrust.infrastructure.crypto.ProtectionFixture.MOBILE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KEK rotation of a live key store (D-8.2.5g, A-9.2f): re-wrap in batches, keys made during the rotation wrapped
 * under the new KEK from the first step, keys destroyed during it never written back, the old KEK removed only when
 * the census shows nothing under it, an interrupted rotation continued with the same target, and a copy of the key
 * directory from before (a backup) unreadable afterwards. Real PKCS12 keystore and key files in a temporary folder.
 */
class KekRotationTest {
    @TempDir
    Path dir;
    ProtectionFixture f;
    final List<Pkcs12MasterKeyProvider> switched = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        f = new ProtectionFixture(dir);
    }

    private KekRotation rotation(FileTemplateKeyStore keys) {
        return new KekRotation(f.masterConfig, keys, switched::add);
    }

    @Test
    void everyKeyIsRewrappedInBatchesAndTheOldKekIsRemoved() throws Exception {
        Map<UUID, byte[]> dataKeys = new LinkedHashMap<>();
        for (int i = 0; i < 23; i++) {
            UUID id = f.keys.createDataKey();
            dataKeys.put(id, f.keys.dataKey(id).getEncoded());
        }
        f.keys.createDomainKeyVersion(COUNTER);
        f.keys.createDomainKeyVersion(MOBILE);
        byte[] counterKey = f.keys.domainKey(COUNTER, 1).getEncoded();
        UUID subjectKey = dataKeys.keySet().iterator().next();
        TemplateBinding binding = new TemplateBinding("pseudonym", UUID.randomUUID().toString(), COUNTER);
        float[] x = ProtectionFixture.randomUnitVector(new Random(7), 512);
        ProtectedTemplate template = f.protector.protect(x, binding, subjectKey);
        Path backup = dir.resolve("backup-of-template-keys");
        FileTemplateKeyStoreTest.copyTree(f.keyDirectory, backup);
        assertEquals(Map.of(1, 25L), f.keys.kekCensus());

        KekRotation rotation = rotation(f.keys);
        assertEquals(2, rotation.begin());
        assertEquals(2, f.keys.currentKekVersion());
        assertEquals(List.of(1, 2), switched.get(0).kekVersions());
        // A key made now (an enrolment during the rotation) is under the new KEK at once.
        UUID during = f.keys.createDataKey();
        dataKeys.put(during, f.keys.dataKey(during).getEncoded());
        assertEquals(new TreeMap<>(Map.of(1, 25L, 2, 1L)), f.keys.kekCensus());
        // Reads keep working with both versions while the old one still wraps most keys.
        assertEquals(1.0, f.protector.compare(x, template, binding), 1e-5);

        List<FileTemplateKeyStore.RewrapBatch> batches = new ArrayList<>();
        FileTemplateKeyStore.RewrapBatch total = rotation.rewrap(2, 10, batches::add);
        assertEquals(26, total.examined());
        assertEquals(25, total.rewrapped());
        assertEquals(1, total.alreadyCurrent());
        assertEquals(0, total.vanished() + total.integrityFailures());
        assertEquals(List.of(10L, 10L, 6L), batches.stream().map(FileTemplateKeyStore.RewrapBatch::examined).toList());
        assertEquals(Map.of(2, 26L), f.keys.kekCensus());

        assertEquals(Set.of(1), rotation.finish(2));
        assertEquals(List.of(2), switched.get(switched.size() - 1).kekVersions());
        assertEquals(List.of("facetrust-audit-mac", "facetrust-kek-v2", "facetrust-pseudonym"), aliases());
        assertTrue(rotation.finish(2).isEmpty(), "finishing again is harmless");

        // The live store and a restarted one open everything: same key bytes, same template.
        FileTemplateKeyStore restarted = new FileTemplateKeyStore(f.keyDirectory,
                Pkcs12MasterKeyProvider.open(f.masterConfig));
        for (Map.Entry<UUID, byte[]> e : dataKeys.entrySet()) {
            assertArrayEquals(e.getValue(), f.keys.dataKey(e.getKey()).getEncoded());
            assertArrayEquals(e.getValue(), restarted.dataKey(e.getKey()).getEncoded());
        }
        assertArrayEquals(counterKey, restarted.domainKey(COUNTER, 1).getEncoded());
        assertEquals(1.0, f.protector.compare(x, template, binding), 1e-5);
        // A copy of the key directory from before the rotation no longer opens: its KEK is gone.
        FileTemplateKeyStore restoredBackup = new FileTemplateKeyStore(backup,
                Pkcs12MasterKeyProvider.open(f.masterConfig));
        assertEquals("kek-retired", assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED,
                () -> restoredBackup.dataKey(subjectKey)).reasons().get(0));
        assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED, () -> restoredBackup.domainKey(COUNTER, 1));
    }

    @Test
    void anInterruptedRotationIsContinuedWithTheSameTarget() throws Exception {
        for (int i = 0; i < 12; i++) {
            f.keys.createDataKey();
        }
        rotation(f.keys).begin();
        RuntimeException crash = new IllegalStateException("server stopped");
        assertThrows(IllegalStateException.class, () -> rotation(f.keys).rewrap(2, 5, b -> {
            throw crash;
        }));
        SortedMap<Integer, Long> midway = f.keys.kekCensus();
        assertEquals(5L, midway.get(2), "the first batch was written before the stop");
        assertEquals(7L, midway.get(1));

        // Restart: the server opens the keystore (both versions, the newest current) and continues.
        FileTemplateKeyStore restarted = new FileTemplateKeyStore(f.keyDirectory,
                Pkcs12MasterKeyProvider.open(f.masterConfig));
        KekRotation again = rotation(restarted);
        assertEquals(2, again.pendingTarget().orElseThrow());
        assertEquals(2, again.begin(), "no third version while the second is pending");
        FileTemplateKeyStore.RewrapBatch rest = again.rewrap(2, 5, null);
        assertEquals(7, rest.rewrapped());
        assertEquals(5, rest.alreadyCurrent());
        assertEquals(Set.of(1), again.finish(2));
        assertTrue(again.pendingTarget().isEmpty());
        assertEquals(Map.of(2, 12L), restarted.kekCensus());
        // A stop after the old KEK was removed but before the run was recorded DONE: resuming adds nothing.
        again.resume(2);
        assertEquals(List.of(2), Pkcs12MasterKeyProvider.open(f.masterConfig).kekVersions());
        assertTrue(again.finish(2).isEmpty());
        assertFailure(FailureCode.KEY_STORE_UNAVAILABLE, () -> again.resume(3));
    }

    @Test
    void theOldKekIsKeptWhileAKeyFailsItsIntegrityCheck() throws Exception {
        UUID good = f.keys.createDataKey();
        UUID edited = f.keys.createDataKey();
        Path file = f.keyDirectory.resolve("data-keys/" + edited + ".key");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1; // someone edited the key file
        Files.write(file, bytes);

        KekRotation rotation = rotation(f.keys);
        int target = rotation.begin();
        FileTemplateKeyStore.RewrapBatch total = rotation.rewrap(target, 100, null);
        assertEquals(1, total.rewrapped());
        assertEquals(1, total.integrityFailures());
        FaceTrustException refused = assertFailure(FailureCode.KEK_ROTATION_INCOMPLETE, () -> rotation.finish(target));
        assertEquals("left:v1=1", refused.reasons().get(0));
        assertEquals(List.of(1, 2), Pkcs12MasterKeyProvider.open(f.masterConfig).kekVersions(), "old KEK kept");
        assertEquals(32, f.keys.dataKey(good).getEncoded().length);
        // Once the edited key is dealt with (here: destroyed), the rotation finishes.
        f.keys.destroyDataKey(edited);
        assertEquals(Set.of(1), rotation.finish(target));
    }

    @Test
    void aKeyWrappedUnderAnAlreadyRetiredKekDoesNotBlockTheRotation() throws Exception {
        UUID id = f.keys.createDataKey();
        Path file = f.keyDirectory.resolve("data-keys/" + id + ".key");
        byte[] underV1 = Files.readAllBytes(file);
        KekRotation rotation = rotation(f.keys);
        rotation.rewrap(rotation.begin(), 10, null);
        rotation.finish(2);
        Files.write(file, underV1); // an old copy restored over the live one: unrecoverable already
        int target = rotation.begin();
        assertEquals(3, target);
        FileTemplateKeyStore.RewrapBatch total = rotation.rewrap(target, 10, null);
        assertEquals(1, total.vanished());
        assertEquals(Set.of(2), rotation.finish(target));
    }

    /**
     * The "care" of the session-2 note: enrolments and deletions go on while the rotation runs. Every key created
     * during it opens afterwards (none is left under the removed KEK), and no destroyed key comes back (a re-wrap
     * racing a shred must not write the key back: crypto-shredding, D-8.2.5g).
     */
    @Test
    void keysCreatedAndDestroyedWhileTheRotationRunsStayCreatedAndDestroyed() throws Exception {
        List<UUID> existing = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            existing.add(f.keys.createDataKey());
        }
        Collections.shuffle(existing, new Random(11));
        List<UUID> doomed = existing.subList(0, 150);
        Map<UUID, byte[]> created = new ConcurrentHashMap<>();
        Set<UUID> destroyed = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> enrol = pool.submit(() -> {
                while (running.get() || created.size() < 20) {
                    UUID id = f.keys.createDataKey();
                    created.put(id, f.keys.dataKey(id).getEncoded());
                }
                return null;
            });
            Future<?> delete = pool.submit(() -> {
                for (UUID id : doomed) {
                    f.keys.destroyDataKey(id);
                    destroyed.add(id);
                    Thread.onSpinWait();
                }
                return null;
            });
            KekRotation rotation = rotation(f.keys);
            int target = rotation.begin();
            rotation.rewrap(target, 25, b -> Thread.yield());
            delete.get(60, TimeUnit.SECONDS);
            running.set(false);
            enrol.get(60, TimeUnit.SECONDS);
            assertEquals(Set.of(1), rotation.finish(target));
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
        assertEquals(150, destroyed.size());
        for (UUID id : destroyed) {
            assertFalse(f.keys.dataKeyExists(id), "a destroyed key was written back by the re-wrap");
        }
        Map<UUID, byte[]> after = new HashMap<>();
        for (UUID id : created.keySet()) {
            after.put(id, f.keys.dataKey(id).getEncoded());
        }
        for (Map.Entry<UUID, byte[]> e : created.entrySet()) {
            assertArrayEquals(e.getValue(), after.get(e.getKey()));
        }
        assertEquals(Map.of(2, (long) (400 - 150 + created.size())), f.keys.kekCensus());
    }

    private List<String> aliases() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(f.masterConfig.keystore())) {
            store.load(in, ProtectionFixture.PASSWORD);
        }
        List<String> aliases = new ArrayList<>(Collections.list(store.aliases()));
        Collections.sort(aliases);
        return aliases;
    }
}
