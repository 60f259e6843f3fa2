package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Rotation of the key-encryption key (KEK) of a running server (D-8.2.5g, A-7.3, A-9.2f / D-6.5c: after it, no
 * older copy of the key directory — a backup included — opens, because the KEK that wrapped it is gone). Three
 * steps, so the caller can run the middle one in batches, each in its own transaction, and resume after a crash:
 * <ol>
 *   <li>{@link #begin}: KEK version N+1 is added to the master keystore file and the live key store switches to it
 *       at once ({@link FileTemplateKeyStore#useMaster}) — from that moment every new data key (an enrolment during
 *       the rotation) is wrapped under N+1; reads keep working because the provider holds both versions. When the
 *       keystore already holds more than one version (a rotation interrupted after this step), the highest is the
 *       target and nothing is added.</li>
 *   <li>{@link #rewrap}: every stored key not under the target is re-wrapped under it
 *       ({@link FileTemplateKeyStore#rewrapAll}); a key records its KEK version in its header, so a re-run only
 *       counts what is done.</li>
 *   <li>{@link #finish}: a census of the headers must show no key under any older version still in the keystore
 *       (else {@code KEK_ROTATION_INCOMPLETE} and nothing is removed); then the older versions are removed from the
 *       keystore file and the key store switches to a provider that no longer holds them.</li>
 * </ol>
 * Each step rewrites the keystore file atomically (write beside, move), so a crash never leaves half a keystore.
 * Plain Java: the unit tests and the server run the same code.
 */
public final class KekRotation {
    private static final int MAX_PASSES = 3;
    private final Pkcs12MasterKeyProvider.Config keystore;
    private final FileTemplateKeyStore keys;
    private final Consumer<Pkcs12MasterKeyProvider> onSwitch;

    /**
     * @param keystore the master keystore file and its password
     * @param keys     the live key store (its master provider is switched)
     * @param onSwitch told of every newly opened provider after the key store uses it (the server swaps the
     *                 provider its other users see: pseudonyms, audit MACs), may be null
     */
    public KekRotation(Pkcs12MasterKeyProvider.Config keystore, FileTemplateKeyStore keys,
                       Consumer<Pkcs12MasterKeyProvider> onSwitch) {
        this.keystore = keystore;
        this.keys = keys;
        this.onSwitch = onSwitch;
    }

    /** Step 1: the target KEK version, current for every wrap from now on (added unless one is pending). */
    public int begin() {
        Pkcs12MasterKeyProvider opened = Pkcs12MasterKeyProvider.open(keystore);
        if (opened.kekVersions().size() < 2) {
            Pkcs12MasterKeyProvider.addKekVersion(keystore);
            opened = Pkcs12MasterKeyProvider.open(keystore);
        }
        use(opened);
        return opened.currentKekVersion();
    }

    /**
     * Continues a rotation to {@code target} after a stop: the keystore must still hold {@code target} as its newest
     * version (older ones may already be gone if the stop came after {@link #finish} removed them); nothing is
     * added. {@code KEY_STORE_UNAVAILABLE} when the keystore says otherwise (replaced or restored meanwhile).
     */
    public void resume(int target) {
        Pkcs12MasterKeyProvider opened = Pkcs12MasterKeyProvider.open(keystore);
        if (opened.currentKekVersion() != target) {
            throw new FaceTrustException(FailureCode.KEY_STORE_UNAVAILABLE, "the keystore's newest KEK is v"
                    + opened.currentKekVersion() + ", the interrupted rotation aimed at v" + target);
        }
        use(opened);
    }

    /**
     * The target of an unfinished rotation: the highest version when the keystore holds several (begun, not
     * finished), else empty.
     */
    public java.util.OptionalInt pendingTarget() {
        List<Integer> versions = Pkcs12MasterKeyProvider.open(keystore).kekVersions();
        return versions.size() > 1 ? java.util.OptionalInt.of(versions.get(versions.size() - 1))
                : java.util.OptionalInt.empty();
    }

    /**
     * Step 2: re-wraps what is not under {@code target}; {@code afterBatch} records progress per batch. One pass
     * over the key directory normally suffices (every key made after {@link #begin} is under the target already);
     * when the census still finds keys under an older version — a directory listing may miss entries renamed while
     * it runs — up to {@value #MAX_PASSES} passes are made, as long as each one re-wraps something. Returns the
     * counts of all passes.
     */
    public FileTemplateKeyStore.RewrapBatch rewrap(int target, int batchSize,
                                                   Consumer<FileTemplateKeyStore.RewrapBatch> afterBatch) {
        requireCurrent(target);
        FileTemplateKeyStore.RewrapBatch sum = keys.rewrapAll(batchSize, afterBatch);
        for (int pass = 2; pass <= MAX_PASSES && !olderLeft(target).isEmpty(); pass++) {
            // A further pass counts only what it changed: the rest was counted by the first one.
            FileTemplateKeyStore.RewrapBatch more = keys.rewrapAll(batchSize, b -> {
                if (afterBatch != null && b.rewrapped() + b.vanished() > 0) {
                    afterBatch.accept(changed(b));
                }
            });
            sum = new FileTemplateKeyStore.RewrapBatch(sum.examined() + changed(more).examined(),
                    sum.rewrapped() + more.rewrapped(), sum.alreadyCurrent(), sum.vanished() + more.vanished(),
                    sum.integrityFailures());
            if (more.rewrapped() == 0) {
                break; // what is left cannot be re-wrapped (integrity failures): finish() says so
            }
        }
        return sum;
    }

    private static FileTemplateKeyStore.RewrapBatch changed(FileTemplateKeyStore.RewrapBatch b) {
        return new FileTemplateKeyStore.RewrapBatch(b.rewrapped() + b.vanished(), b.rewrapped(), 0, b.vanished(), 0);
    }

    /** Versions older than {@code target} still in the keystore that wrap stored keys, with their counts. */
    private String olderLeft(int target) {
        SortedMap<Integer, Long> census = keys.kekCensus();
        return Pkcs12MasterKeyProvider.open(keystore).kekVersions().stream()
                .filter(v -> v < target && census.getOrDefault(v, 0L) > 0)
                .map(v -> "v" + v + "=" + census.get(v)).collect(Collectors.joining(","));
    }

    /** How many stored keys each KEK version wraps (see {@link FileTemplateKeyStore#kekCensus}). */
    public SortedMap<Integer, Long> census() {
        return keys.kekCensus();
    }

    /**
     * Step 3: removes every KEK version older than {@code target} from the keystore, once the census shows that no
     * stored key uses one of them; returns the versions removed (empty when none was left).
     */
    public SortedSet<Integer> finish(int target) {
        requireCurrent(target);
        SortedSet<Integer> older = new TreeSet<>(Pkcs12MasterKeyProvider.open(keystore).kekVersions());
        older.removeIf(v -> v >= target);
        String left = olderLeft(target);
        if (!left.isEmpty()) {
            throw new FaceTrustException(FailureCode.KEK_ROTATION_INCOMPLETE, "keys still wrapped under the old KEK ("
                    + left + "); the old KEK is kept", List.of("left:" + left));
        }
        for (int version : older) {
            Pkcs12MasterKeyProvider.retireKekVersion(keystore, version);
        }
        use(Pkcs12MasterKeyProvider.open(keystore));
        return older;
    }

    private void requireCurrent(int target) {
        if (keys.currentKekVersion() != target) {
            throw new FaceTrustException(FailureCode.KEY_STORE_UNAVAILABLE, "the key store wraps under KEK v"
                    + keys.currentKekVersion() + ", not under the rotation's target v" + target);
        }
    }

    private void use(Pkcs12MasterKeyProvider provider) {
        keys.useMaster(provider);
        if (onSwitch != null) {
            onSwitch.accept(provider);
        }
    }
}
