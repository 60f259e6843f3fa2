package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.MasterKeyProvider;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Master keys from a password-protected PKCS12 keystore file that lives outside every database (A-7.4b,
 * B-5.4.2). Entries, all 256-bit secret keys:
 * <ul>
 *   <li>{@code facetrust-kek-v<N>} (AES): key-encryption keys; the highest N wraps new keys, older ones still
 *       unwrap until every wrapped key has been re-wrapped;</li>
 *   <li>{@code facetrust-pseudonym} (HmacSHA256): the subject pseudonym key;</li>
 *   <li>{@code facetrust-audit-mac} (HmacSHA256): the key of the audit chain's MACs — outside the database,
 *       so whoever can write the audit table cannot forge entries. Added to an older keystore on first use
 *       ({@link #addAuditMacKeyIfMissing}).</li>
 * </ul>
 * Create one with {@link #createKeystore} or with {@code keytool -genseckey} (see the architecture note).
 *
 * <p>Wrapped form, version 1: {@code 0x01 | KEK version (4) | IV (12) | AES-256-GCM(key bytes) | tag (16)}; the
 * associated data is a fixed label, the caller's context and the first five bytes, so a wrapped key does not
 * unwrap in another slot nor under a falsified KEK version.
 */
public final class Pkcs12MasterKeyProvider implements MasterKeyProvider {
    public static final String KEK_ALIAS_PREFIX = "facetrust-kek-v";
    public static final String PSEUDONYM_ALIAS = "facetrust-pseudonym";
    public static final String AUDIT_MAC_ALIAS = "facetrust-audit-mac";
    private static final Pattern KEK_ALIAS = Pattern.compile("facetrust-kek-v(\\d{1,6})");
    private static final byte WRAP_FORMAT = 1;
    private static final byte[] WRAP_LABEL = "facetrust/key-wrap/v1|".getBytes(StandardCharsets.US_ASCII);

    private final Map<Integer, SecretKey> keks;
    private final int currentKekVersion;
    private final SecretKey pseudonymKey;
    private final SecretKey auditMacKey;
    private final SecureRandom random;

    /** Keystore location and password; in the server both come from MicroProfile Config (see the note). */
    public record Config(Path keystore, char[] password) {
        public Config {
            if (keystore == null || password == null) {
                throw new IllegalArgumentException("keystore path and password are required");
            }
        }
    }

    private Pkcs12MasterKeyProvider(Map<Integer, SecretKey> keks, SecretKey pseudonymKey, SecretKey auditMacKey,
                                    SecureRandom random) {
        this.keks = Collections.unmodifiableMap(new TreeMap<>(keks));
        this.currentKekVersion = Collections.max(keks.keySet());
        this.pseudonymKey = pseudonymKey;
        this.auditMacKey = auditMacKey;
        this.random = random;
    }

    /** Loads the keystore; {@code KEY_STORE_UNAVAILABLE} when it is missing, unreadable or incomplete. */
    public static Pkcs12MasterKeyProvider open(Config config) {
        KeyStore store = load(config);
        try {
            Map<Integer, SecretKey> keks = new TreeMap<>();
            SecretKey pseudonym = null;
            SecretKey auditMac = null;
            KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(config.password());
            for (String alias : Collections.list(store.aliases())) {
                Matcher m = KEK_ALIAS.matcher(alias);
                if (m.matches()) {
                    keks.put(Integer.parseInt(m.group(1)), secretKey(store, alias, protection, "AES"));
                } else if (alias.equals(PSEUDONYM_ALIAS)) {
                    pseudonym = secretKey(store, alias, protection, "HmacSHA256");
                } else if (alias.equals(AUDIT_MAC_ALIAS)) {
                    auditMac = secretKey(store, alias, protection, "HmacSHA256");
                }
            }
            if (keks.isEmpty() || pseudonym == null) {
                throw unavailable("the master keystore " + config.keystore() + " needs entries " + KEK_ALIAS_PREFIX
                        + "<N> and " + PSEUDONYM_ALIAS, null);
            }
            return new Pkcs12MasterKeyProvider(keks, pseudonym, auditMac, new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw unavailable("cannot read the keys of " + config.keystore(), e);
        }
    }

    /**
     * Creates a new keystore with KEK version 1 and a pseudonym key (setup, tests). Refuses to overwrite an
     * existing file: losing the KEK would shred every template at once.
     */
    public static Pkcs12MasterKeyProvider createKeystore(Config config) {
        if (Files.exists(config.keystore())) {
            throw unavailable("refusing to overwrite the existing master keystore " + config.keystore(), null);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, config.password());
            KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(config.password());
            store.setEntry(KEK_ALIAS_PREFIX + 1, new KeyStore.SecretKeyEntry(generate("AES")), protection);
            store.setEntry(PSEUDONYM_ALIAS, new KeyStore.SecretKeyEntry(generate("HmacSHA256")), protection);
            store.setEntry(AUDIT_MAC_ALIAS, new KeyStore.SecretKeyEntry(generate("HmacSHA256")), protection);
            save(store, config);
        } catch (GeneralSecurityException | IOException e) {
            throw unavailable("cannot create the master keystore " + config.keystore(), e);
        }
        return open(config);
    }

    /**
     * Adds KEK version N+1 to the keystore file (KEK rotation, step one); re-wrapping the stored keys and removing
     * the old KEK are separate steps. Returns the new version.
     */
    public static int addKekVersion(Config config) {
        KeyStore store = load(config);
        try {
            int next = 1;
            for (String alias : Collections.list(store.aliases())) {
                Matcher m = KEK_ALIAS.matcher(alias);
                if (m.matches()) {
                    next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
                }
            }
            store.setEntry(KEK_ALIAS_PREFIX + next, new KeyStore.SecretKeyEntry(generate("AES")),
                    new KeyStore.PasswordProtection(config.password()));
            save(store, config);
            return next;
        } catch (GeneralSecurityException e) {
            throw unavailable("cannot add a KEK version to " + config.keystore(), e);
        }
    }

    /**
     * Removes KEK version {@code version} from the keystore file (KEK rotation, last step, after
     * {@link FileTemplateKeyStore#rewrapAll} moved every stored key to the current KEK). Every copy of the key
     * directory taken before the re-wrap, backups included, becomes unreadable. The current version cannot be
     * removed.
     */
    public static void retireKekVersion(Config config, int version) {
        KeyStore store = load(config);
        try {
            int highest = 0;
            for (String alias : Collections.list(store.aliases())) {
                Matcher m = KEK_ALIAS.matcher(alias);
                if (m.matches()) {
                    highest = Math.max(highest, Integer.parseInt(m.group(1)));
                }
            }
            if (version >= highest) {
                throw unavailable("refusing to retire KEK version " + version + ": it is the current one", null);
            }
            store.deleteEntry(KEK_ALIAS_PREFIX + version);
            save(store, config);
        } catch (GeneralSecurityException e) {
            throw unavailable("cannot retire KEK version " + version + " in " + config.keystore(), e);
        }
    }

    /**
     * Adds the audit MAC key to a keystore made before the audit chain existed (session 1 keystores). Returns true
     * when it was added, false when it was already there. Never replaces an existing key: a new key would make every
     * earlier audit entry fail verification.
     */
    public static boolean addAuditMacKeyIfMissing(Config config) {
        KeyStore store = load(config);
        try {
            if (store.containsAlias(AUDIT_MAC_ALIAS)) {
                return false;
            }
            store.setEntry(AUDIT_MAC_ALIAS, new KeyStore.SecretKeyEntry(generate("HmacSHA256")),
                    new KeyStore.PasswordProtection(config.password()));
            save(store, config);
            return true;
        } catch (GeneralSecurityException e) {
            throw unavailable("cannot add the audit MAC key to " + config.keystore(), e);
        }
    }

    /** Whether the keystore holds the audit MAC key (see {@link #addAuditMacKeyIfMissing}). */
    public boolean hasAuditMacKey() {
        return auditMacKey != null;
    }

    /** HMAC-SHA256 under the audit MAC key; {@code KEY_STORE_UNAVAILABLE} when the keystore lacks it. */
    public byte[] auditMac(byte[] message) {
        if (auditMacKey == null) {
            throw unavailable("the master keystore has no " + AUDIT_MAC_ALIAS + " entry", null);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(auditMacKey);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public int kekVersionOf(byte[] wrapped) {
        if (wrapped == null || wrapped.length < 5 || wrapped[0] != WRAP_FORMAT) {
            throw integrity("wrapped key is malformed");
        }
        return ByteBuffer.wrap(wrapped, 1, 4).getInt();
    }

    @Override
    public int currentKekVersion() {
        return currentKekVersion;
    }

    /** The KEK versions present (a KEK may be removed only when no wrapped key uses it any more). */
    public List<Integer> kekVersions() {
        return List.copyOf(keks.keySet());
    }

    @Override
    public byte[] wrap(SecretKey key, byte[] context) {
        byte[] plain = key.getEncoded();
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            ByteBuffer header = ByteBuffer.allocate(5).put(WRAP_FORMAT).putInt(currentKekVersion);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keks.get(currentKekVersion), new GCMParameterSpec(128, iv));
            cipher.updateAAD(WRAP_LABEL);
            cipher.updateAAD(context);
            cipher.updateAAD(header.array());
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(5 + 12 + sealed.length).put(header.array()).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM key wrap failed", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public SecretKey unwrap(byte[] wrapped, byte[] context, String algorithm) {
        if (wrapped == null || wrapped.length < 5 + 12 + 16 + 1 || wrapped[0] != WRAP_FORMAT) {
            throw integrity("wrapped key is malformed");
        }
        ByteBuffer b = ByteBuffer.wrap(wrapped);
        b.get();
        int kekVersion = b.getInt();
        SecretKey kek = keks.get(kekVersion);
        if (kek == null) {
            // Only keys left behind by a re-wrap (e.g. in an old backup of the key directory) still name a
            // retired KEK: for them, retiring the KEK was the shredding.
            throw new FaceTrustException(FailureCode.TEMPLATE_KEY_DESTROYED, "the key is wrapped under KEK version "
                    + kekVersion + ", which was retired", List.of("kek-retired"));
        }
        byte[] iv = new byte[12];
        b.get(iv);
        byte[] plain = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(128, iv));
            cipher.updateAAD(WRAP_LABEL);
            cipher.updateAAD(context);
            cipher.updateAAD(wrapped, 0, 5);
            plain = cipher.doFinal(wrapped, 17, wrapped.length - 17);
            return new SecretKeySpec(plain, algorithm);
        } catch (javax.crypto.AEADBadTagException e) {
            throw integrity("wrapped key failed its integrity check (wrong slot or edited)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM key unwrap failed", e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0); // SecretKeySpec keeps its own copy
            }
        }
    }

    @Override
    public byte[] pseudonymMac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static SecretKey secretKey(KeyStore store, String alias, KeyStore.PasswordProtection protection,
                                       String algorithm) throws GeneralSecurityException {
        KeyStore.Entry entry = store.getEntry(alias, protection);
        if (!(entry instanceof KeyStore.SecretKeyEntry secret)) {
            throw new GeneralSecurityException("entry " + alias + " is not a secret key");
        }
        byte[] encoded = secret.getSecretKey().getEncoded();
        try {
            if (encoded == null || encoded.length != 32) {
                throw new GeneralSecurityException("entry " + alias + " is not a 256-bit key");
            }
            return new SecretKeySpec(encoded, algorithm);
        } finally {
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
        }
    }

    private static SecretKey generate(String algorithm) throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance(algorithm);
        generator.init(256, new SecureRandom());
        return generator.generateKey();
    }

    private static KeyStore load(Config config) {
        try (InputStream in = Files.newInputStream(config.keystore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, config.password());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw unavailable("cannot open the master keystore " + config.keystore()
                    + " (missing file or wrong password)", e);
        }
    }

    /** Writes beside the file and moves it into place, so a crash never leaves half a keystore. */
    private static void save(KeyStore store, Config config) throws GeneralSecurityException {
        Path target = config.keystore().toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".facetrust-master", ".tmp");
            try {
                KeyFiles.restrictToOwner(temp);
                try (OutputStream out = Files.newOutputStream(temp)) {
                    store.store(out, config.password());
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw unavailable("cannot write the master keystore " + target, e);
        }
    }

    private static FaceTrustException unavailable(String message, Throwable cause) {
        return new FaceTrustException(FailureCode.KEY_STORE_UNAVAILABLE, message, List.of(), cause);
    }

    private static FaceTrustException integrity(String reason) {
        return new FaceTrustException(FailureCode.TEMPLATE_INTEGRITY_FAILED, reason, List.of(reason));
    }
}
