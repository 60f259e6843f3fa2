package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.failure.FailureCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.SecretKey;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static com.facetrust.infrastructure.crypto.AesGcmTemplateProtectorTest.assertFailure;
import static com.facetrust.infrastructure.crypto.ProtectionFixture.COUNTER;
import static com.facetrust.infrastructure.crypto.ProtectionFixture.MOBILE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file key store: wrapped keys outside the database, versions never reused, slots bound to their keys. */
class FileTemplateKeyStoreTest {
    @TempDir
    Path dir;
    ProtectionFixture f;

    @BeforeEach
    void setUp() {
        f = new ProtectionFixture(dir);
    }

    @Test
    void keysSurviveARestartAndStayWrapped() throws Exception {
        UUID id = f.keys.createDataKey();
        int v = f.keys.createDomainKeyVersion(COUNTER);
        byte[] dataKey = f.keys.dataKey(id).getEncoded();
        byte[] domainKey = f.keys.domainKey(COUNTER, v).getEncoded();

        FileTemplateKeyStore reopened = new FileTemplateKeyStore(f.keyDirectory,
                Pkcs12MasterKeyProvider.open(f.masterConfig));
        assertArrayEquals(dataKey, reopened.dataKey(id).getEncoded());
        assertArrayEquals(domainKey, reopened.domainKey(COUNTER, v).getEncoded());
        assertEquals(1, reopened.currentDomainKeyVersion(COUNTER));

        byte[] file = Files.readAllBytes(f.keyDirectory.resolve("data-keys/" + id + ".key"));
        assertFalse(containsSequence(file, dataKey), "the key file must hold the wrapped key only");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(f.keyDirectory.resolve("data-keys/" + id + ".key"))));
        }
    }

    @Test
    void domainVersionsAreNeverReused() {
        assertEquals(1, f.keys.createDomainKeyVersion(COUNTER));
        assertEquals(2, f.keys.createDomainKeyVersion(COUNTER));
        f.keys.destroyDomainKey(COUNTER, 2);
        assertEquals(1, f.keys.currentDomainKeyVersion(COUNTER));
        assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED, () -> f.keys.domainKey(COUNTER, 2));
        FileTemplateKeyStore reopened = new FileTemplateKeyStore(f.keyDirectory, f.master);
        assertEquals(3, reopened.createDomainKeyVersion(COUNTER));
        assertEquals(List.of(1, 3), List.copyOf(reopened.domainKeyVersions(COUNTER)));
        assertFailure(FailureCode.APPLICATION_DOMAIN_UNKNOWN, () -> reopened.currentDomainKeyVersion(MOBILE));
        assertTrue(reopened.domainKeyVersions(MOBILE).isEmpty());
    }

    @Test
    void keyFileCopiedIntoAnotherSlotDoesNotUnwrap() throws Exception {
        UUID victim = f.keys.createDataKey();
        UUID attacker = f.keys.createDataKey();
        Path data = f.keyDirectory.resolve("data-keys");
        Files.copy(data.resolve(attacker + ".key"), data.resolve(victim + ".key"), StandardCopyOption.REPLACE_EXISTING);
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> f.keys.dataKey(victim));

        f.keys.createDomainKeyVersion(COUNTER);
        f.keys.createDomainKeyVersion(COUNTER);
        Path domain = f.keyDirectory.resolve("domains/branch-counter");
        Files.copy(domain.resolve("v2.key"), domain.resolve("v1.key"), StandardCopyOption.REPLACE_EXISTING);
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> f.keys.domainKey(COUNTER, 1));
    }

    @Test
    void keysDoNotUnwrapUnderAnotherMasterKeystore() {
        UUID id = f.keys.createDataKey();
        Pkcs12MasterKeyProvider otherMaster = Pkcs12MasterKeyProvider.createKeystore(
                new Pkcs12MasterKeyProvider.Config(dir.resolve("other.p12"), "another-password".toCharArray()));
        FileTemplateKeyStore withOtherMaster = new FileTemplateKeyStore(f.keyDirectory, otherMaster);
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> withOtherMaster.dataKey(id));
    }

    @Test
    void destroyedDataKeyIsGoneAndCoded() {
        UUID id = f.keys.createDataKey();
        SecretKey before = f.keys.dataKey(id);
        assertEquals(32, before.getEncoded().length);
        f.keys.destroyDataKey(id);
        assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED, () -> f.keys.dataKey(id));
        assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED, () -> f.keys.dataKey(UUID.randomUUID()));
    }

    /**
     * KEK rotation: re-wrap every key under a new KEK, retire the old KEK; the live store keeps working while a copy
     * of the key directory taken before (a backup) becomes unreadable: shredding reaches backups.
     */
    @Test
    void kekRotationShredsOldCopiesOfTheKeyDirectory() throws Exception {
        UUID id = f.keys.createDataKey();
        f.keys.createDomainKeyVersion(COUNTER);
        com.facetrust.domain.protection.TemplateBinding binding = new com.facetrust.domain.protection.TemplateBinding(
                "p", UUID.randomUUID().toString(), COUNTER);
        float[] x = ProtectionFixture.randomUnitVector(new java.util.Random(5), 512);
        com.facetrust.domain.protection.ProtectedTemplate t = f.protector.protect(x, binding, id);
        Path backup = dir.resolve("backup-of-template-keys");
        copyTree(f.keyDirectory, backup);

        assertEquals(2, Pkcs12MasterKeyProvider.addKekVersion(f.masterConfig));
        Pkcs12MasterKeyProvider v2 = Pkcs12MasterKeyProvider.open(f.masterConfig);
        FileTemplateKeyStore store = new FileTemplateKeyStore(f.keyDirectory, v2);
        List<Long> progress = new java.util.ArrayList<>();
        assertEquals(2, store.rewrapAll(progress::add));
        assertEquals(List.of(1L, 2L), progress);
        assertEquals(0, store.rewrapAll(null), "a second run finds nothing left to re-wrap");
        assertFailure(FailureCode.KEY_STORE_UNAVAILABLE, () -> Pkcs12MasterKeyProvider.retireKekVersion(f.masterConfig, 2));
        Pkcs12MasterKeyProvider.retireKekVersion(f.masterConfig, 1);

        Pkcs12MasterKeyProvider onlyV2 = Pkcs12MasterKeyProvider.open(f.masterConfig);
        assertEquals(List.of(2), onlyV2.kekVersions());
        AesGcmTemplateProtector live = new AesGcmTemplateProtector(new FileTemplateKeyStore(f.keyDirectory, onlyV2),
                TemplateProtectionConfig.defaults());
        assertEquals(1.0, live.compare(x, t, binding), 1e-5);

        FileTemplateKeyStore restoredBackup = new FileTemplateKeyStore(backup, onlyV2);
        assertEquals("kek-retired",
                assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED, () -> restoredBackup.dataKey(id)).reasons().get(0));
        assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED, () -> restoredBackup.domainKey(COUNTER, 1));
    }

    @Test
    void interruptedShredIsFinishedAtStart() throws Exception {
        UUID id = f.keys.createDataKey();
        Path slot = f.keyDirectory.resolve("data-keys/" + id + ".key");
        Path doomed = slot.resolveSibling(id + ".key.shredding");
        Files.move(slot, doomed); // as if the server died right after the first step of destroyDataKey
        assertFailure(FailureCode.TEMPLATE_KEY_DESTROYED, () -> f.keys.dataKey(id));
        Path staleTemp = f.keyDirectory.resolve("data-keys/.key4711.tmp"); // a write cut short before its move
        Files.write(staleTemp, new byte[]{1, 2, 3});
        new FileTemplateKeyStore(f.keyDirectory, f.master);
        assertFalse(Files.exists(doomed));
        assertFalse(Files.exists(slot));
        assertFalse(Files.exists(staleTemp));
        try (var left = Files.list(f.keyDirectory.resolve("data-keys"))) {
            assertEquals(0, left.count());
        }
    }

    static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static boolean containsSequence(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
