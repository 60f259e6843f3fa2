package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.failure.FailureCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.facetrust.infrastructure.crypto.AesGcmTemplateProtectorTest.assertFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The master keystore: creation, wrong password, KEK rotation, and the documented keytool recipe. */
class Pkcs12MasterKeyProviderTest {
    @TempDir
    Path dir;

    static final byte[] CONTEXT = "data-key|test".getBytes(StandardCharsets.US_ASCII);

    @Test
    void wrapUnwrapAndContextBinding() {
        Pkcs12MasterKeyProvider master = Pkcs12MasterKeyProvider.createKeystore(config("m.p12", "pw-123456"));
        SecretKey key = new SecretKeySpec(new byte[32], "AES");
        byte[] wrapped = master.wrap(key, CONTEXT);
        assertArrayEquals(key.getEncoded(), master.unwrap(wrapped, CONTEXT, "AES").getEncoded());
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED,
                () -> master.unwrap(wrapped, "data-key|other".getBytes(StandardCharsets.US_ASCII), "AES"));
        byte[] edited = wrapped.clone();
        edited[edited.length - 3] ^= 1;
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> master.unwrap(edited, CONTEXT, "AES"));
        assertFailure(FailureCode.TEMPLATE_INTEGRITY_FAILED, () -> master.unwrap(new byte[3], CONTEXT, "AES"));
    }

    @Test
    void wrongPasswordMissingFileAndOverwriteAreRefused() {
        Pkcs12MasterKeyProvider.createKeystore(config("m.p12", "right-password"));
        assertFailure(FailureCode.KEY_STORE_UNAVAILABLE,
                () -> Pkcs12MasterKeyProvider.open(config("m.p12", "wrong-password")));
        assertFailure(FailureCode.KEY_STORE_UNAVAILABLE,
                () -> Pkcs12MasterKeyProvider.open(config("absent.p12", "right-password")));
        assertFailure(FailureCode.KEY_STORE_UNAVAILABLE,
                () -> Pkcs12MasterKeyProvider.createKeystore(config("m.p12", "right-password")));
    }

    @Test
    void kekRotationKeepsOldWrapsReadable() {
        Pkcs12MasterKeyProvider.Config config = config("m.p12", "pw-rotate");
        Pkcs12MasterKeyProvider v1 = Pkcs12MasterKeyProvider.createKeystore(config);
        SecretKey key = new SecretKeySpec(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, "AES");
        byte[] wrappedV1 = v1.wrap(key, CONTEXT);
        assertEquals(2, Pkcs12MasterKeyProvider.addKekVersion(config));
        Pkcs12MasterKeyProvider v2 = Pkcs12MasterKeyProvider.open(config);
        assertEquals(2, v2.currentKekVersion());
        assertEquals(List.of(1, 2), v2.kekVersions());
        assertArrayEquals(key.getEncoded(), v2.unwrap(wrappedV1, CONTEXT, "AES").getEncoded());
        byte[] wrappedV2 = v2.wrap(key, CONTEXT);
        assertEquals(2, wrappedV2[4]);
        // The pseudonym key is untouched by KEK rotation (pseudonyms must stay stable).
        assertArrayEquals(v1.pseudonymMac(CONTEXT), v2.pseudonymMac(CONTEXT));
    }

    /** The keytool commands in the architecture note produce a keystore this provider reads. */
    @Test
    void keystoreMadeWithKeytoolIsAccepted() throws Exception {
        Path keystore = dir.resolve("keytool.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String password = "keytool-password";
        run(keytool, "-genseckey", "-alias", "facetrust-kek-v1", "-keyalg", "AES", "-keysize", "256",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password);
        run(keytool, "-genseckey", "-alias", "facetrust-pseudonym", "-keyalg", "HmacSHA256", "-keysize", "256",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password);
        Pkcs12MasterKeyProvider master = Pkcs12MasterKeyProvider.open(
                new Pkcs12MasterKeyProvider.Config(keystore, password.toCharArray()));
        assertEquals(1, master.currentKekVersion());
        SecretKey key = new SecretKeySpec(new byte[32], "AES");
        assertArrayEquals(key.getEncoded(), master.unwrap(master.wrap(key, CONTEXT), CONTEXT, "AES").getEncoded());
        assertNotEquals(0, master.pseudonymMac(CONTEXT).length);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, p.exitValue(), output);
    }

    private Pkcs12MasterKeyProvider.Config config(String file, String password) {
        return new Pkcs12MasterKeyProvider.Config(dir.resolve(file), password.toCharArray());
    }

    /**
     * A keystore made before the audit chain (KEK + pseudonym key only) gets its audit MAC key once, on first use;
     * adding again changes nothing, so earlier entries keep verifying.
     */
    @Test
    void anOlderKeystoreGetsTheAuditKeyOnceAndKeepsIt() throws Exception {
        Pkcs12MasterKeyProvider.Config config = config("old.p12", "pw-123456");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, config.password());
        java.security.KeyStore.PasswordProtection protection = new java.security.KeyStore.PasswordProtection(
                config.password());
        store.setEntry(Pkcs12MasterKeyProvider.KEK_ALIAS_PREFIX + 1,
                new java.security.KeyStore.SecretKeyEntry(new SecretKeySpec(new byte[32], "AES")), protection);
        store.setEntry(Pkcs12MasterKeyProvider.PSEUDONYM_ALIAS,
                new java.security.KeyStore.SecretKeyEntry(new SecretKeySpec(new byte[32], "HmacSHA256")), protection);
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(config.keystore())) {
            store.store(out, config.password());
        }
        Pkcs12MasterKeyProvider old = Pkcs12MasterKeyProvider.open(config);
        assertTrue(!old.hasAuditMacKey());
        assertFailure(FailureCode.KEY_STORE_UNAVAILABLE, () -> old.auditMac(new byte[1]));

        assertTrue(Pkcs12MasterKeyProvider.addAuditMacKeyIfMissing(config));
        byte[] mac = Pkcs12MasterKeyProvider.open(config).auditMac(CONTEXT);
        assertTrue(!Pkcs12MasterKeyProvider.addAuditMacKeyIfMissing(config), "never replaced");
        assertArrayEquals(mac, Pkcs12MasterKeyProvider.open(config).auditMac(CONTEXT));
        assertNotEquals(java.util.Arrays.toString(mac),
                java.util.Arrays.toString(Pkcs12MasterKeyProvider.open(config).pseudonymMac(CONTEXT)),
                "its own key, not the pseudonym key");
    }

    @Test
    void aNewKeystoreHasTheAuditKey() {
        assertTrue(Pkcs12MasterKeyProvider.createKeystore(config("new.p12", "pw-123456")).hasAuditMacKey());
    }
}
