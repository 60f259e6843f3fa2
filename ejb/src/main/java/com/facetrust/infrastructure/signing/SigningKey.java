package com.facetrust.infrastructure.signing;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * One ES256 decision-signing key pair: its version in the keystore, its key id (RFC 7638 thumbprint of the public
 * key) and the keys. Only the newest version signs; older ones stay published so earlier decisions still verify.
 */
public record SigningKey(int version, String keyId, ECPublicKey publicKey, ECPrivateKey privateKey) {
    public SigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    @Override
    public String toString() {
        return "SigningKey[v" + version + ", kid=" + keyId + "]"; // never the private key
    }
}
