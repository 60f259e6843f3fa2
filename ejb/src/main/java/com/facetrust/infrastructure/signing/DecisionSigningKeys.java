package com.facetrust.infrastructure.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decision-signing key pairs in their own PKCS12 keystore (aliases {@code decision-es256-v<N>}), protected by
 * the master keystore's password. Generated on first start (v1); {@link #rotate()} adds a version and the new one
 * signs from then on, while every older public key stays published in the JWK Set so decisions signed before the
 * rotation still verify (A-5.7.4 a). Writes replace the file atomically. Thread-safe.
 */
public final class DecisionSigningKeys {
    private static final String ALIAS_PREFIX = "decision-es256-v";
    private static final Pattern ALIAS = Pattern.compile(Pattern.quote(ALIAS_PREFIX) + "(\\d+)");

    private final Path file;
    private final char[] password;
    private volatile List<SigningKey> keys; // newest first

    private DecisionSigningKeys(Path file, char[] password, List<SigningKey> keys) {
        this.file = file;
        this.password = password.clone();
        this.keys = List.copyOf(keys);
    }

    /** Opens the keystore, creating it with key v1 when it does not exist and {@code createIfMissing}. */
    public static DecisionSigningKeys open(Path file, char[] password, boolean createIfMissing) {
        try {
            if (!Files.exists(file)) {
                if (!createIfMissing) {
                    throw new IllegalStateException("decision-signing keystore " + file + " does not exist");
                }
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, password);
                addVersion(store, 1, password);
                write(file, store, password);
            }
            KeyStore store = load(file, password);
            return new DecisionSigningKeys(file, password, read(store, password));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot open the decision-signing keystore " + file + ": " + e, e);
        }
    }

    /** The key that signs now (the newest version). */
    public SigningKey current() {
        return keys.get(0);
    }

    /** Every key, newest first: the JWK Set publishes all of them. */
    public List<SigningKey> all() {
        return keys;
    }

    /** Adds a new key version, which signs from now on; the older ones stay for verification. */
    public synchronized SigningKey rotate() {
        try {
            KeyStore store = load(file, password);
            int next = current().version() + 1;
            addVersion(store, next, password);
            write(file, store, password);
            keys = List.copyOf(read(store, password));
            return current();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot rotate the decision-signing key in " + file + ": " + e, e);
        }
    }

    private static void addVersion(KeyStore store, int version, char[] password) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Certificate certificate = SelfSignedCertificate.create(pair, "FaceTrust decision signing v" + version,
                ZonedDateTime.now(), 30);
        store.setKeyEntry(ALIAS_PREFIX + version, pair.getPrivate(), password, new Certificate[]{certificate});
    }

    private static List<SigningKey> read(KeyStore store, char[] password) throws GeneralSecurityException {
        List<SigningKey> found = new ArrayList<>();
        for (String alias : java.util.Collections.list(store.aliases())) {
            Matcher m = ALIAS.matcher(alias);
            if (!m.matches() || !store.isKeyEntry(alias)) {
                continue;
            }
            ECPublicKey publicKey = (ECPublicKey) store.getCertificate(alias).getPublicKey();
            ECPrivateKey privateKey = (ECPrivateKey) store.getKey(alias, password);
            found.add(new SigningKey(Integer.parseInt(m.group(1)), JsonWebKeys.thumbprint(publicKey), publicKey,
                    privateKey));
        }
        if (found.isEmpty()) {
            throw new GeneralSecurityException("no " + ALIAS_PREFIX + "<N> key in the keystore");
        }
        found.sort(Comparator.comparingInt(SigningKey::version).reversed());
        // Only the newest key keeps its private half in memory: older ones only verify.
        for (int i = 1; i < found.size(); i++) {
            SigningKey k = found.get(i);
            found.set(i, new SigningKey(k.version(), k.keyId(), k.publicKey(), null));
        }
        return found;
    }

    private static KeyStore load(Path file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static void write(Path file, KeyStore store, char[] password) throws GeneralSecurityException,
            IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's protection applies
            }
            try (OutputStream out = Files.newOutputStream(temp)) {
                store.store(out, password);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Clears the in-memory copy of the password. */
    public void close() {
        Arrays.fill(password, '\0');
    }
}
