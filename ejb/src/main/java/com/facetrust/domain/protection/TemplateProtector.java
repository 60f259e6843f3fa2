package com.facetrust.domain.protection;

import java.util.UUID;

/**
 * Protects face embeddings for storage and compares probes against protected references (ISO/IEC 24745).
 *
 * <p>A reference is first moved into its application domain's protected space by a keyed, cancellable transform
 * (cosine-preserving, different per domain and key version), then encrypted under the subject's data key with the
 * {@link TemplateBinding} as associated data. Opening a template yields the protected-space vector, never the
 * original embedding; a probe is compared after the same transform.
 *
 * <p>Failures: {@code TEMPLATE_INVALID} for an embedding of the wrong size or not a finite unit vector,
 * {@code TEMPLATE_INTEGRITY_FAILED} when ciphertext, header or binding do not match, {@code TEMPLATE_KEY_DESTROYED}
 * when the data key (subject deleted) or the domain key version (rotated away) no longer exists,
 * {@code APPLICATION_DOMAIN_UNKNOWN} for a domain without keys.
 */
public interface TemplateProtector {

    /** Transforms and encrypts an L2-normalised embedding under the domain's current key version. */
    ProtectedTemplate protect(float[] embedding, TemplateBinding binding, UUID dataKeyId);

    /**
     * Verifies and decrypts a stored template read from the row described by {@code binding}; returns the
     * protected-space vector (unit length). Callers clear it after use (A-5.7.1f).
     */
    float[] open(ProtectedTemplate template, TemplateBinding binding);

    /** Moves a probe embedding into the protected space of one domain key version, for comparison. */
    float[] transformProbe(float[] embedding, ApplicationDomain domain, int domainKeyVersion);

    /** Cosine similarity of a probe embedding and a stored reference, computed in the protected space. */
    double compare(float[] probeEmbedding, ProtectedTemplate template, TemplateBinding binding);

    /**
     * Re-issues a template under another key version of its domain (renewal, A-7.2b): decrypts, inverts the old
     * transform, applies the new one and encrypts again under the same data key with a fresh IV. The original
     * embedding exists only transiently inside this call.
     */
    ProtectedTemplate reissue(ProtectedTemplate template, TemplateBinding binding, int newDomainKeyVersion);
}
