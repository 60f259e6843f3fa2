package com.facetrust.application.protection;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.SubjectPseudonymizer;
import com.facetrust.domain.protection.TemplateKeyStore;
import com.facetrust.domain.protection.TemplateProtector;
import com.facetrust.infrastructure.crypto.AesGcmTemplateProtector;
import com.facetrust.infrastructure.crypto.FileTemplateKeyStore;
import com.facetrust.infrastructure.crypto.HmacSubjectPseudonymizer;
import com.facetrust.infrastructure.crypto.KekRotation;
import com.facetrust.infrastructure.crypto.Pkcs12MasterKeyProvider;
import com.facetrust.infrastructure.crypto.TemplateProtectionConfig;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens the keys of template protection once per server (A-7.2b, C-6.1.3, D-3.6): the PKCS12 master keystore (KEK +
 * pseudonym key), the template key directory (per-subject data keys, per-domain transform keys), the AES-GCM
 * protector and the HMAC pseudonymiser. Registers the configured application domain and derives its transform at
 * start-up, so the first enrolment does not pay the ~1 s derivation.
 *
 * <p>First start: when the keystore file does not exist and a password is configured, it is generated (KEK v1 and
 * pseudonym key) in a directory readable by the server user only. The password is never stored by FaceTrust: it comes
 * from the environment ({@code FACETRUST_PROTECTION_MASTER_KEYSTORE_PASSWORD}) or a system property.
 *
 * <p>Without its keys the server still deploys (administration, audit, non-face login keep working) but every face
 * operation answers {@code KEY_STORE_UNAVAILABLE} (503) and an ALARM is logged — same policy as the face engine.
 *
 * <p>Configuration (MicroProfile Config):
 * <ul>
 * <li>{@code facetrust.protection.master-keystore.password} — required, no default;</li>
 * <li>{@code facetrust.protection.master-keystore.path} [{@code ${jboss.server.data.dir}/facetrust-keys/master.p12}];</li>
 * <li>{@code facetrust.protection.master-keystore.create-if-missing} [true];</li>
 * <li>{@code facetrust.protection.key-directory} [{@code ${jboss.server.data.dir}/facetrust-keys/template-keys}] — keep it
 *     out of database backups (crypto-shredding rests on that);</li>
 * <li>{@code facetrust.protection.domain} [{@code default}] — the application domain of this deployment;</li>
 * <li>{@code facetrust.protection.embedding-dimension} [512], {@code facetrust.protection.norm-tolerance} [0.001].</li>
 * </ul>
 */
@Singleton(name = TemplateProtectionService.NAME)
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TemplateProtectionService {
    public static final String NAME = "TemplateProtectionService";
    private static final Logger LOG = Logger.getLogger(TemplateProtectionService.class.getName());

    @Inject
    Config config;

    private volatile Keys keys;
    private volatile String failure;

    /** The opened keys; all thread-safe. */
    private record Keys(FileTemplateKeyStore keyStore, TemplateProtector protector,
                        SubjectPseudonymizer pseudonymizer, ApplicationDomain domain, Pkcs12MasterKeyProvider master,
                        Path keystorePath) {
    }

    @PostConstruct
    void open() {
        try {
            keys = openKeys();
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.log(Level.SEVERE, "ALARM template protection unavailable: face enrolment and verification will "
                    + "answer " + FailureCode.KEY_STORE_UNAVAILABLE.code() + " — " + e.getMessage());
        }
    }

    private Keys openKeys() {
        String dataDir = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
        Path keystore = Path.of(config.getOptionalValue("facetrust.protection.master-keystore.path", String.class)
                .orElse(dataDir + "/facetrust-keys/master.p12"));
        Path keyDirectory = Path.of(config.getOptionalValue("facetrust.protection.key-directory", String.class)
                .orElse(dataDir + "/facetrust-keys/template-keys"));
        Optional<String> password = config.getOptionalValue("facetrust.protection.master-keystore.password",
                String.class);
        if (password.isEmpty() || password.get().isEmpty()) {
            throw new FaceTrustException(FailureCode.KEY_STORE_UNAVAILABLE, "no master keystore password: set "
                    + "FACETRUST_PROTECTION_MASTER_KEYSTORE_PASSWORD (or facetrust.protection.master-keystore.password)");
        }
        char[] secret = password.get().toCharArray();
        try {
            Pkcs12MasterKeyProvider.Config keystoreConfig = new Pkcs12MasterKeyProvider.Config(keystore, secret);
            Pkcs12MasterKeyProvider master;
            if (Files.exists(keystore)) {
                master = Pkcs12MasterKeyProvider.open(keystoreConfig);
            } else if (config.getOptionalValue("facetrust.protection.master-keystore.create-if-missing",
                    Boolean.class).orElse(true)) {
                createPrivateParent(keystore);
                master = Pkcs12MasterKeyProvider.createKeystore(keystoreConfig);
                LOG.warning(() -> "First start: generated the master keystore " + keystore + " (KEK v1 + pseudonym "
                        + "key). Back it up offline, password kept separately; losing it loses every template.");
            } else {
                throw new FaceTrustException(FailureCode.KEY_STORE_UNAVAILABLE, "master keystore " + keystore
                        + " does not exist and facetrust.protection.master-keystore.create-if-missing=false");
            }
            if (!master.hasAuditMacKey()) {
                // A keystore from before the audit chain: add its MAC key once, then reopen.
                Pkcs12MasterKeyProvider.addAuditMacKeyIfMissing(keystoreConfig);
                master = Pkcs12MasterKeyProvider.open(keystoreConfig);
                LOG.warning(() -> "Added the audit MAC key (" + Pkcs12MasterKeyProvider.AUDIT_MAC_ALIAS + ") to the "
                        + "master keystore " + keystore + ". Back the keystore up again.");
            }
            TemplateProtectionConfig protection = new TemplateProtectionConfig(
                    config.getOptionalValue("facetrust.protection.embedding-dimension", Integer.class)
                            .orElse(TemplateProtectionConfig.DEFAULT_DIMENSION),
                    config.getOptionalValue("facetrust.protection.norm-tolerance", Double.class)
                            .orElse(TemplateProtectionConfig.DEFAULT_NORM_TOLERANCE));
            FileTemplateKeyStore keyStore = new FileTemplateKeyStore(keyDirectory, master);
            ApplicationDomain domain = ApplicationDomain.of(
                    config.getOptionalValue("facetrust.protection.domain", String.class).orElse("default"));
            if (keyStore.domainKeyVersions(domain).isEmpty()) {
                keyStore.createDomainKeyVersion(domain);
            }
            AesGcmTemplateProtector protector = new AesGcmTemplateProtector(keyStore, protection);
            Pkcs12MasterKeyProvider opened = master;
            long start = System.nanoTime();
            for (int version : keyStore.domainKeyVersions(domain)) {
                // Derives and caches the transform of each live version now rather than on the first request.
                float[] unit = new float[protection.dimension()];
                unit[0] = 1f;
                protector.transformProbe(unit, domain, version);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info(() -> "Template protection ready: domain '" + domain.name() + "' key versions "
                    + keyStore.domainKeyVersions(domain) + ", KEK v" + opened.currentKekVersion()
                    + ", transforms derived in " + millis + " ms, key directory " + keyDirectory);
            return new Keys(keyStore, protector, new HmacSubjectPseudonymizer(master), domain, master, keystore);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static void createPrivateParent(Path keystore) {
        Path parent = keystore.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(parent)) {
                Files.createDirectories(parent);
                try {
                    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: rely on the platform's defaults
                }
            }
        } catch (IOException e) {
            throw new FaceTrustException(FailureCode.KEY_STORE_UNAVAILABLE,
                    "cannot create the directory of the master keystore " + parent, List.of(), e);
        }
    }

    private Keys keys() {
        Keys k = keys;
        if (k == null) {
            throw new FaceTrustException(FailureCode.KEY_STORE_UNAVAILABLE,
                    "template protection keys are not available" + (failure != null ? " (" + failure + ")" : ""));
        }
        return k;
    }

    public boolean isAvailable() {
        return keys != null;
    }

    public TemplateKeyStore keyStore() {
        return keys().keyStore();
    }

    public TemplateProtector protector() {
        return keys().protector();
    }

    public SubjectPseudonymizer pseudonymizer() {
        return keys().pseudonymizer();
    }

    /**
     * HMAC-SHA256 under the audit MAC key of the master keystore: the key never leaves this bean, so code
     * that can write the audit table cannot forge an entry. {@code KEY_STORE_UNAVAILABLE} without keys.
     */
    public byte[] auditMac(byte[] message) {
        return keys().master().auditMac(message);
    }

    /**
     * The KEK rotation over the live key store (D-8.2.5g): its steps switch the master key provider of the key
     * store and of this bean (pseudonyms, audit MACs) as they add and retire KEK versions. The keystore password is
     * read from the configuration again for the rotation's keystore writes (it is not kept after start-up).
     * {@code KEY_STORE_UNAVAILABLE} without keys or password.
     */
    public KekRotation kekRotation() {
        Keys k = keys();
        Optional<String> password = config.getOptionalValue("facetrust.protection.master-keystore.password",
                String.class);
        if (password.isEmpty() || password.get().isEmpty()) {
            throw new FaceTrustException(FailureCode.KEY_STORE_UNAVAILABLE,
                    "no master keystore password: a KEK rotation has to rewrite the keystore");
        }
        return new KekRotation(new Pkcs12MasterKeyProvider.Config(k.keystorePath(),
                password.get().toCharArray()), k.keyStore(), this::useMaster);
    }

    /** The KEK version new keys are wrapped under. */
    public int currentKekVersion() {
        return keys().keyStore().currentKekVersion();
    }

    /** The KEK versions in the master keystore the server uses now (more than one only during a KEK rotation). */
    public java.util.List<Integer> kekVersions() {
        return keys().master().kekVersions();
    }

    /**
     * How many stored keys each KEK version wraps (from the key headers): after a finished KEK rotation only the
     * current version appears. Reads every key file: for operations and tests, not for a request path.
     */
    public java.util.SortedMap<Integer, Long> kekCensus() {
        return keys().keyStore().kekCensus();
    }

    /** Swaps the provider behind pseudonyms and audit MACs (same keys; only the KEK versions differ). */
    private synchronized void useMaster(Pkcs12MasterKeyProvider next) {
        Keys k = keys();
        keys = new Keys(k.keyStore(), k.protector(), new HmacSubjectPseudonymizer(next), k.domain(), next,
                k.keystorePath());
        LOG.info(() -> "Master keystore reopened: KEK versions " + next.kekVersions() + ", new keys wrapped under v"
                + next.currentKekVersion());
    }

    /** The application domain new templates of this deployment are protected in. */
    public ApplicationDomain domain() {
        return keys().domain();
    }
}
