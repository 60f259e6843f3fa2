package com.facetrust.domain.protection;

import javax.crypto.SecretKey;
import java.util.SortedSet;
import java.util.UUID;

/**
 * Holds the keys of template protection outside the databases: per-subject data keys (DEKs, AES-256) and the
 * versioned transform keys of each application domain, both stored wrapped by the master key
 * ({@link MasterKeyProvider}). Destroying a key is final: a destroyed data key makes every template encrypted under
 * it unrecoverable, also from database backups (crypto-shredding, D-8.2.5g, A-7.3).
 *
 * <p>Versions of a domain key are never reused: after version 3 is destroyed, the next is 4.
 */
public interface TemplateKeyStore {

    /** Generates and stores a new random data key; the returned id is recorded with the subject. */
    UUID createDataKey();

    /** The data key, unwrapped. Fails with {@code TEMPLATE_KEY_DESTROYED} when it was destroyed or never existed. */
    SecretKey dataKey(UUID dataKeyId);

    boolean dataKeyExists(UUID dataKeyId);

    /** Destroys a data key for good (idempotent). */
    void destroyDataKey(UUID dataKeyId);

    /**
     * Creates the next key version of a domain (the first call registers the domain with version 1) and makes it
     * the current version, used for every new template of the domain.
     */
    int createDomainKeyVersion(ApplicationDomain domain);

    /** The highest live key version; {@code APPLICATION_DOMAIN_UNKNOWN} when the domain has none. */
    int currentDomainKeyVersion(ApplicationDomain domain);

    /** The live key versions of a domain (empty when unknown). */
    SortedSet<Integer> domainKeyVersions(ApplicationDomain domain);

    /** The transform key of one version; {@code TEMPLATE_KEY_DESTROYED} when it was destroyed. */
    SecretKey domainKey(ApplicationDomain domain, int version);

    /** Destroys one key version of a domain for good (idempotent); templates still under it become unusable. */
    void destroyDomainKey(ApplicationDomain domain, int version);
}
