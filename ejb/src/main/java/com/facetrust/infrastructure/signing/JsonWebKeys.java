package com.facetrust.infrastructure.signing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.List;

/** EC P-256 public keys as JWK (RFC 7517/7518) and JWK Set, with RFC 7638 thumbprints as key ids. */
public final class JsonWebKeys {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private JsonWebKeys() {
    }

    /** RFC 7638 thumbprint: SHA-256 over {"crv","kty","x","y"} in that order, base64url. */
    public static String thumbprint(ECPublicKey key) {
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x(key) + "\",\"y\":\"" + y(key) + "\"}";
        try {
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One key as a JWK for signature checking with ES256. */
    public static JsonPayload jwk(SigningKey key) {
        return new JsonPayload().string("kty", "EC").string("crv", "P-256").string("x", x(key.publicKey()))
                .string("y", y(key.publicKey())).string("kid", key.keyId()).string("use", "sig").string("alg", "ES256");
    }

    /** {@code {"keys":[...]}}, newest first. */
    public static String jwkSet(List<SigningKey> keys) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < keys.size(); i++) {
            array.append(i == 0 ? "" : ",").append(jwk(keys.get(i)).text());
        }
        return new JsonPayload().raw("keys", array.append(']').toString()).text();
    }

    /** The public key of a JWK's x and y coordinates (base64url, 32 bytes each) on P-256. */
    public static ECPublicKey publicKey(String x, String y) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
            ECPoint point = new ECPoint(new BigInteger(1, B64URL_DECODER.decode(x)),
                    new BigInteger(1, B64URL_DECODER.decode(y)));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, curve));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 public key", e);
        }
    }

    private static String x(ECPublicKey key) {
        return B64URL.encodeToString(fixed(key.getW().getAffineX()));
    }

    private static String y(ECPublicKey key) {
        return B64URL.encodeToString(fixed(key.getW().getAffineY()));
    }

    /** Unsigned big-endian, exactly 32 bytes (RFC 7518 §6.2.1.2). */
    private static byte[] fixed(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
