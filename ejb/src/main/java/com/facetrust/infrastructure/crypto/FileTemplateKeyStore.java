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
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
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
 *
 * <p>KEK rotation in a running server ({@link KekRotation}): {@link #useMaster} swaps the master key provider under a
 * write lock while every wrap and unwrap (create, read, re-wrap a key) holds the read lock, so no key made before
 * the swap is written after it under the old KEK, and no reader unwraps with a provider that was retired under it.
 * Re-wrapping a data key and destroying it exclude each other (per-key lock stripes): a re-wrap never writes back a
 * key that was shredded meanwhile (crypto-shredding, D-8.2.5g).
 */
public final class FileTemplateKeyStore implements TemplateKeyStore {
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d{1,9})\\.(key|destroyed)");

    private static final int STRIPES = 64;

    private final Path dataKeyDir;
    private final Path domainDir;
    private volatile MasterKeyProvider master;
    /** Read: any use of {@link #master}; write: swapping it ({@link #useMaster}). */
    private final ReentrantReadWriteLock masterLock = new ReentrantReadWriteLock();
    /** Per data-key locks: re-wrap and destruction of one key exclude each other. */
    private final Object[] dataKeyStripes = new Object[STRIPES];
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

    /**
     * Counts of one re-wrap batch (KEK rotation): keys looked at, re-wrapped, already under the current KEK, gone
     * meanwhile (destroyed with their subject, or under a KEK already retired: unrecoverable before the pass), and
     * failing their integrity check (edited key files: left as they are).
     */
    public record RewrapBatch(long examined, long rewrapped, long alreadyCurrent, long vanished,
                              long integrityFailures) {
    }

    public FileTemplateKeyStore(Path directory, MasterKeyProvider master) {
        this.master = master;
        for (int i = 0; i < STRIPES; i++) {
            dataKeyStripes[i] = new Object();
        }
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
        // Wrap and write under the read lock: a KEK swap waits for this file, so from the swap on every new data
        // key is wrapped under the new KEK and nothing made before it lands later under the old one.
        masterLock.readLock().lock();
        try {
            KeyFiles.writeAtomically(dataKeyFile(id), master.wrap(key, dataKeyContext(id)));
        } catch (IOException e) {
            throw unavailable("cannot store a data key", e);
        } finally {
            masterLock.readLock().unlock();
        }
        return id;
    }

    @Override
    public SecretKey dataKey(UUID dataKeyId) {
        // Read and unwrap under the read lock: a KEK retired in between cannot strand bytes read before a re-wrap.
        masterLock.readLock().lock();
        try {
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
        } finally {
            masterLock.readLock().unlock();
        }
    }

    @Override
    public boolean dataKeyExists(UUID dataKeyId) {
        return Files.exists(dataKeyFile(dataKeyId));
    }

    @Override
    public void destroyDataKey(UUID dataKeyId) {
        synchronized (stripe(dataKeyId)) {
            try {
                KeyFiles.shred(dataKeyFile(dataKeyId));
            } catch (IOException e) {
                throw unavailable("cannot destroy data key " + dataKeyId, e);
            }
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
            masterLock.readLock().lock();
            try {
                KeyFiles.writeAtomically(dir.resolve("v" + next + ".key"),
                        master.wrap(generate("HmacSHA256"), domainKeyContext(domain, next)));
            } finally {
                masterLock.readLock().unlock();
            }
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
        masterLock.readLock().lock();
        try {
            byte[] wrapped = Files.readAllBytes(domainDir.resolve(domain.name()).resolve("v" + version + ".key"));
            return master.unwrap(wrapped, domainKeyContext(domain, version), "HmacSHA256");
        } catch (IOException e) {
            throw unavailable("cannot read key version " + version + " of domain " + domain, e);
        } finally {
            masterLock.readLock().unlock();
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

    // ---- KEK rotation

    /**
     * Makes {@code next} the master key provider of this store (KEK rotation: after a KEK version was added, and
     * after old versions were retired). Waits for every wrap and unwrap in progress; from the return on, new keys
     * are wrapped under {@code next.currentKekVersion()}.
     */
    public void useMaster(MasterKeyProvider next) {
        masterLock.writeLock().lock();
        try {
            this.master = next;
        } finally {
            masterLock.writeLock().unlock();
        }
    }

    /** The KEK version new keys are wrapped under now. */
    public int currentKekVersion() {
        return master.currentKekVersion();
    }

    /**
     * How many stored keys (data keys and live domain keys) each KEK version wraps, read from the keys' headers
     * (0 counts files too damaged to have one). KEK rotation retires a version only when this census shows no key
     * under it; the system test proves the same.
     */
    public SortedMap<Integer, Long> kekCensus() {
        SortedMap<Integer, Long> census = new TreeMap<>();
        try {
            forEachDataKeyFile(file -> readIfPresent(file).ifPresent(w -> census.merge(kekVersionOrZero(w), 1L,
                    Long::sum)));
            for (Path file : liveDomainKeyFiles().keySet()) {
                readIfPresent(file).ifPresent(w -> census.merge(kekVersionOrZero(w), 1L, Long::sum));
            }
        } catch (IOException e) {
            throw unavailable("cannot read the template keys", e);
        }
        return census;
    }

    /**
     * KEK rotation, middle step: re-wraps every stored key whose wrap is not under the current KEK (data keys, then
     * live domain keys), atomically file by file, handing the counts to {@code afterBatch} after every
     * {@code batchSize} keys looked at (the caller records progress, each batch in its own transaction; an exception
     * there stops the pass). Safe to re-run after an interruption: keys already under the current KEK are only
     * counted. A key destroyed meanwhile is counted as vanished and never written back. Returns the totals.
     */
    public RewrapBatch rewrapAll(int batchSize, Consumer<RewrapBatch> afterBatch) {
        int size = Math.max(1, batchSize);
        long[] batch = new long[5];
        long[] total = new long[5];
        Runnable flush = () -> {
            if (batch[0] > 0) {
                if (afterBatch != null) {
                    afterBatch.accept(new RewrapBatch(batch[0], batch[1], batch[2], batch[3], batch[4]));
                }
                for (int i = 0; i < batch.length; i++) {
                    total[i] += batch[i];
                    batch[i] = 0;
                }
            }
        };
        try {
            forEachDataKeyFile(file -> {
                String name = file.getFileName().toString();
                UUID id;
                try {
                    id = UUID.fromString(name.substring(0, name.length() - ".key".length()));
                } catch (IllegalArgumentException notOurs) {
                    return; // not a data key file of this store (no UUID name): left alone
                }
                synchronized (stripe(id)) {
                    count(batch, rewrap(file, dataKeyContext(id), "AES"));
                }
                if (batch[0] >= size) {
                    flush.run();
                }
            });
            for (Map.Entry<Path, byte[]> e : liveDomainKeyFiles().entrySet()) {
                synchronized (this) { // a version destroyed meanwhile is shredded under this lock: never written back
                    count(batch, rewrap(e.getKey(), e.getValue(), "HmacSHA256"));
                }
                if (batch[0] >= size) {
                    flush.run();
                }
            }
            flush.run();
        } catch (IOException e) {
            throw unavailable("cannot re-wrap the template keys", e);
        }
        return new RewrapBatch(total[0], total[1], total[2], total[3], total[4]);
    }

    /**
     * The whole re-wrap in one pass (tools and tests); {@code progress} gets the running number of re-wrapped keys.
     * Returns how many were re-wrapped.
     */
    public long rewrapAll(LongConsumer progress) {
        long[] rewrapped = {0};
        rewrapAll(1, b -> {
            if (b.rewrapped() > 0) {
                rewrapped[0] += b.rewrapped();
                if (progress != null) {
                    progress.accept(rewrapped[0]);
                }
            }
        });
        return rewrapped[0];
    }

    private enum RewrapOutcome { REWRAPPED, CURRENT, VANISHED, INTEGRITY_FAILED }

    private static void count(long[] batch, RewrapOutcome outcome) {
        batch[0]++;
        batch[switch (outcome) {
            case REWRAPPED -> 1;
            case CURRENT -> 2;
            case VANISHED -> 3;
            case INTEGRITY_FAILED -> 4;
        }]++;
    }

    private RewrapOutcome rewrap(Path file, byte[] context, String algorithm) throws IOException {
        masterLock.readLock().lock();
        try {
            Optional<byte[]> wrapped = readIfPresent(file);
            if (wrapped.isEmpty()) {
                return RewrapOutcome.VANISHED;
            }
            SecretKey key;
            try {
                if (master.kekVersionOf(wrapped.get()) == master.currentKekVersion()) {
                    return RewrapOutcome.CURRENT;
                }
                key = master.unwrap(wrapped.get(), context, algorithm);
            } catch (FaceTrustException e) {
                if (e.failureCode() == FailureCode.TEMPLATE_KEY_DESTROYED) {
                    return RewrapOutcome.VANISHED; // its KEK is already gone: nothing can open it any more
                }
                if (e.failureCode() == FailureCode.TEMPLATE_INTEGRITY_FAILED) {
                    return RewrapOutcome.INTEGRITY_FAILED;
                }
                throw e;
            }
            KeyFiles.writeAtomically(file, master.wrap(key, context));
            return RewrapOutcome.REWRAPPED;
        } finally {
            masterLock.readLock().unlock();
        }
    }

    private interface KeyFileAction {
        void accept(Path file) throws IOException;
    }

    private void forEachDataKeyFile(KeyFileAction action) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dataKeyDir, "*.key")) {
            for (Path file : files) {
                action.accept(file);
            }
        }
    }

    /** File → context of every live domain key version (copied under the lock). */
    private synchronized Map<Path, byte[]> liveDomainKeyFiles() {
        Map<Path, byte[]> files = new java.util.LinkedHashMap<>();
        for (Map.Entry<ApplicationDomain, DomainVersions> e : domains.entrySet()) {
            for (int version : e.getValue().live()) {
                files.put(domainDir.resolve(e.getKey().name()).resolve("v" + version + ".key"),
                        domainKeyContext(e.getKey(), version));
            }
        }
        return files;
    }

    /** The KEK version in a wrapped key's header; 0 for a file too damaged to have one. */
    private int kekVersionOrZero(byte[] wrapped) {
        try {
            return master.kekVersionOf(wrapped);
        } catch (FaceTrustException e) {
            return 0;
        }
    }

    private static Optional<byte[]> readIfPresent(Path file) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private Object stripe(UUID id) {
        return dataKeyStripes[Math.floorMod(id.hashCode(), STRIPES)];
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
