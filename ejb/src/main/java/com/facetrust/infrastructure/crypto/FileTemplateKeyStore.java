package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.MasterKeyProvider;
import com.facetrust.domain.protection.TemplateKeyStore;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template key store as a directory of wrapped keys, kept outside the databases and outside their backups
 * (that separation is what makes destroying a key a real crypto-shred, D-8.2.5g):
 * <pre>
 *  &lt;dir&gt;/data-keys/&lt;uuid&gt;.key                 per-subject data keys (AES-256), wrapped by the KEK
 *  &lt;dir&gt;/domains/&lt;domain&gt;/v&lt;N&gt;.key          transform keys (HMAC-SHA256 seeds), wrapped by the KEK
 *  &lt;dir&gt;/domains/&lt;domain&gt;/v&lt;N&gt;.destroyed    tombstone: version N existed and is gone, never reused
 * </pre>
 * Each file holds one {@link MasterKeyProvider#wrap} result whose context names its slot, so a key file copied
 * over another does not unwrap. Files are written atomically with owner-only permissions; destroyed keys are
 * overwritten before deletion.
 *
 * <p>One process owns a directory (the server's singleton key service): domain versions are indexed in memory at
 * start and changes are serialised by this object's lock.
 */
public final class FileTemplateKeyStore implements TemplateKeyStore {
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d{1,9})\\.(key|destroyed)");

    private final Path dataKeyDir;
    private final Path domainDir;
    private final MasterKeyProvider master;
    private final SecureRandom random = new SecureRandom();
    /** Live and destroyed versions per domain, loaded from the directory. */
    private final Map<ApplicationDomain, DomainVersions> domains = new ConcurrentHashMap<>();

    private record DomainVersions(SortedSet<Integer> live, SortedSet<Integer> destroyed) {
        int highestEver() {
            int a = live.isEmpty() ? 0 : live.last();
            int b = destroyed.isEmpty() ? 0 : destroyed.last();
            return Math.max(a, b);
        }
    }

    public FileTemplateKeyStore(Path directory, MasterKeyProvider master) {
        this.master = master;
        this.dataKeyDir = directory.resolve("data-keys");
        this.domainDir = directory.resolve("domains");
        try {
            KeyFiles.createPrivateDirectories(directory);
            KeyFiles.createPrivateDirectories(dataKeyDir);
            KeyFiles.createPrivateDirectories(domainDir);
            finishInterruptedShreds(dataKeyDir);
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(domainDir, Files::isDirectory)) {
                for (Path d : dirs) {
                    finishInterruptedShreds(d);
                    domains.put(new ApplicationDomain(d.getFileName().toString()), scan(d));
                }
            }
        } catch (IOException | FaceTrustException e) {
            throw unavailable("cannot open the template key directory " + directory, e);
        }
    }

    /**
     * Leftovers of a crash: a "*.shredding" file (destruction interrupted after the key left its slot) is finished;
     * a ".key*.tmp" file (an atomic write interrupted before its move) is shredded too, because it may hold a wrap
     * of a key that is destroyed later and would survive it.
     */
    private static void finishInterruptedShreds(Path dir) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "*.shredding")) {
            for (Path f : leftovers) {
                String name = f.getFileName().toString();
                KeyFiles.shred(f.resolveSibling(name.substring(0, name.length() - ".shredding".length())));
            }
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, ".key*.tmp")) {
            for (Path f : leftovers) {
                KeyFiles.shred(f);
            }
        }
    }

    private static DomainVersions scan(Path dir) throws IOException {
        SortedSet<Integer> live = new TreeSet<>();
        SortedSet<Integer> destroyed = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = VERSION_FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    (m.group(2).equals("key") ? live : destroyed).add(Integer.parseInt(m.group(1)));
                }
            }
        }
        live.removeAll(destroyed); // a crash between tombstone and shred: the tombstone wins
        return new DomainVersions(live, destroyed);
    }

    // ---- data keys

    @Override
    public UUID createDataKey() {
        UUID id = UUID.randomUUID();
        SecretKey key = generate("AES");
        try {
            KeyFiles.writeAtomically(dataKeyFile(id), master.wrap(key, dataKeyContext(id)));
        } catch (IOException e) {
            throw unavailable("cannot store a data key", e);
        }
        return id;
    }

    @Override
    public SecretKey dataKey(UUID dataKeyId) {
        byte[] wrapped;
        try {
            wrapped = Files.readAllBytes(dataKeyFile(dataKeyId));
        } catch (NoSuchFileException e) {
            throw new FaceTrustException(FailureCode.TEMPLATE_KEY_DESTROYED,
                    "The data key " + dataKeyId + " does not exist (destroyed with its subject)",
                    List.of("data-key-destroyed"));
        } catch (IOException e) {
            throw unavailable("cannot read data key " + dataKeyId, e);
        }
        return master.unwrap(wrapped, dataKeyContext(dataKeyId), "AES");
    }

    @Override
    public boolean dataKeyExists(UUID dataKeyId) {
        return Files.exists(dataKeyFile(dataKeyId));
    }

    @Override
    public void destroyDataKey(UUID dataKeyId) {
        try {
            KeyFiles.shred(dataKeyFile(dataKeyId));
        } catch (IOException e) {
            throw unavailable("cannot destroy data key " + dataKeyId, e);
        }
    }

    // ---- domain keys

    @Override
    public synchronized int createDomainKeyVersion(ApplicationDomain domain) {
        Path dir = domainDir.resolve(domain.name());
        try {
            KeyFiles.createPrivateDirectories(dir);
            DomainVersions versions = domains.computeIfAbsent(domain,
                    d -> new DomainVersions(new TreeSet<>(), new TreeSet<>()));
            int next = versions.highestEver() + 1;
            KeyFiles.writeAtomically(dir.resolve("v" + next + ".key"),
                    master.wrap(generate("HmacSHA256"), domainKeyContext(domain, next)));
            versions.live().add(next);
            return next;
        } catch (IOException e) {
            throw unavailable("cannot store a key for domain " + domain, e);
        }
    }

    @Override
    public synchronized int currentDomainKeyVersion(ApplicationDomain domain) {
        DomainVersions versions = domains.get(domain);
        if (versions == null || versions.live().isEmpty()) {
            throw new FaceTrustException(FailureCode.APPLICATION_DOMAIN_UNKNOWN,
                    "No live key for application domain " + domain);
        }
        return versions.live().last();
    }

    @Override
    public synchronized SortedSet<Integer> domainKeyVersions(ApplicationDomain domain) {
        DomainVersions versions = domains.get(domain);
        return versions == null ? Collections.emptySortedSet()
                : Collections.unmodifiableSortedSet(new TreeSet<>(versions.live()));
    }

    @Override
    public SecretKey domainKey(ApplicationDomain domain, int version) {
        synchronized (this) {
            DomainVersions versions = domains.get(domain);
            if (versions == null) {
                throw new FaceTrustException(FailureCode.APPLICATION_DOMAIN_UNKNOWN,
                        "No keys for application domain " + domain);
            }
            if (!versions.live().contains(version)) {
                throw new FaceTrustException(FailureCode.TEMPLATE_KEY_DESTROYED,
                        "Key version " + version + " of domain " + domain + " does not exist (rotated away)",
                        List.of("domain-key-destroyed"));
            }
        }
        try {
            byte[] wrapped = Files.readAllBytes(domainDir.resolve(domain.name()).resolve("v" + version + ".key"));
            return master.unwrap(wrapped, domainKeyContext(domain, version), "HmacSHA256");
        } catch (IOException e) {
            throw unavailable("cannot read key version " + version + " of domain " + domain, e);
        }
    }

    @Override
    public synchronized void destroyDomainKey(ApplicationDomain domain, int version) {
        DomainVersions versions = domains.get(domain);
        if (versions == null || !versions.live().contains(version)) {
            return;
        }
        Path dir = domainDir.resolve(domain.name());
        try {
            // Tombstone first: after a crash the version counts as destroyed and is never handed out again.
            KeyFiles.writeAtomically(dir.resolve("v" + version + ".destroyed"), new byte[0]);
            versions.live().remove(version);
            versions.destroyed().add(version);
            KeyFiles.shred(dir.resolve("v" + version + ".key"));
        } catch (IOException e) {
            throw unavailable("cannot destroy key version " + version + " of domain " + domain, e);
        }
    }

    /**
     * KEK rotation, middle step: re-wraps every stored key whose wrap is not under the current KEK (data keys and
     * live domain keys), atomically file by file; safe to re-run after an interruption. Returns how many keys were
     * re-wrapped. Afterwards the old KEK can be retired ({@link Pkcs12MasterKeyProvider#retireKekVersion}), which
     * shreds every older copy of this directory.
     */
    public synchronized long rewrapAll(java.util.function.LongConsumer progress) {
        int current = master.currentKekVersion();
        long count = 0;
        try {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dataKeyDir, "*.key")) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    UUID id = UUID.fromString(name.substring(0, name.length() - ".key".length()));
                    if (rewrap(file, dataKeyContext(id), "AES", current)) {
                        count++;
                        if (progress != null) {
                            progress.accept(count);
                        }
                    }
                }
            }
            for (Map.Entry<ApplicationDomain, DomainVersions> e : domains.entrySet()) {
                for (int version : e.getValue().live()) {
                    Path file = domainDir.resolve(e.getKey().name()).resolve("v" + version + ".key");
                    if (rewrap(file, domainKeyContext(e.getKey(), version), "HmacSHA256", current)) {
                        count++;
                        if (progress != null) {
                            progress.accept(count);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw unavailable("cannot re-wrap the template keys", e);
        }
        return count;
    }

    private boolean rewrap(Path file, byte[] context, String algorithm, int currentKek) throws IOException {
        byte[] wrapped = Files.readAllBytes(file);
        if (master.kekVersionOf(wrapped) == currentKek) {
            return false;
        }
        KeyFiles.writeAtomically(file, master.wrap(master.unwrap(wrapped, context, algorithm), context));
        return true;
    }

    private Path dataKeyFile(UUID id) {
        return dataKeyDir.resolve(id + ".key");
    }

    private static byte[] dataKeyContext(UUID id) {
        return ("data-key|" + id).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] domainKeyContext(ApplicationDomain domain, int version) {
        return ("domain-key|" + domain.name() + "|" + version).getBytes(StandardCharsets.US_ASCII);
    }

    private SecretKey generate(String algorithm) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance(algorithm);
            generator.init(256, random);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " key generation is not available", e);
        }
    }

    private static FaceTrustException unavailable(String message, Throwable cause) {
        return new FaceTrustException(FailureCode.KEY_STORE_UNAVAILABLE, message, List.of(), cause);
    }
}
