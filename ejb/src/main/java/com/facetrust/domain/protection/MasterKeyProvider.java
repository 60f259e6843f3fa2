package com.facetrust.domain.protection;

import javax.crypto.SecretKey;

/**
 * The master keys, kept outside every database (a PKCS12 keystore or Elytron credential store file, or an HSM in
 * future): the key-encryption key (KEK) that wraps data and domain keys, and the key of the subject pseudonym
 * (B-5.4.2, C-6.1.5). Implementations never hand out the KEK itself, so an HSM can implement this interface.
 */
public interface MasterKeyProvider {

    /** Version of the KEK used for new wraps. */
    int currentKekVersion();

    /**
     * Wraps a key with the current KEK; {@code context} (e.g. "data-key|&lt;id&gt;") is authenticated, so a wrapped
     * key copied to another slot does not unwrap. The result records the KEK version used.
     */
    byte[] wrap(SecretKey key, byte[] context);

    /** The KEK version a wrapped key was made with, read from its header (for re-wrapping after KEK rotation). */
    int kekVersionOf(byte[] wrapped);

    /**
     * Unwraps a key produced by {@link #wrap}; {@code TEMPLATE_INTEGRITY_FAILED} when blob or context do not match,
     * {@code TEMPLATE_KEY_DESTROYED} when its KEK version was retired.
     */
    SecretKey unwrap(byte[] wrapped, byte[] context, String algorithm);

    /** HMAC-SHA256 under the pseudonym key. */
    byte[] pseudonymMac(byte[] message);
}
