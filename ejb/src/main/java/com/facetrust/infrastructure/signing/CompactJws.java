package com.facetrust.infrastructure.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compact JWS (RFC 7515) with ES256 (RFC 7518 §3.4): the signature is the raw 64-byte r‖s, which the JDK produces
 * directly with {@code SHA256withECDSAinP1363Format}. Header {@code {"alg":"ES256","typ":"JWT","kid":...}}.
 */
public final class CompactJws {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final String ALGORITHM = "SHA256withECDSAinP1363Format";
    private static final Pattern KID = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"([^\"]+)\"");

    private CompactJws() {
    }

    /** Signs the payload (JSON text) with the key; returns header.payload.signature. */
    public static String sign(String payloadJson, SigningKey key) {
        if (key.privateKey() == null) {
            throw new IllegalArgumentException(key + " has no private key: only the current key signs");
        }
        String header = new JsonPayload().string("alg", "ES256").string("typ", "JWT").string("kid", key.keyId())
                .text();
        String signingInput = encode(header) + "." + encode(payloadJson);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key.privateKey());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the decision failed", e);
        }
    }

    /**
     * The payload when the signature is valid under the key the header names (kid → public key); empty when the
     * token is malformed, names an unknown key or another algorithm, or the signature does not verify.
     */
    public static Optional<String> verify(String jws, Map<String, ? extends PublicKey> keysById) {
        if (jws == null) {
            return Optional.empty();
        }
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            String header = new String(B64URL_DECODER.decode(parts[0]), StandardCharsets.UTF_8);
            Matcher alg = ALG.matcher(header);
            Matcher kid = KID.matcher(header);
            if (!alg.find() || !"ES256".equals(alg.group(1)) || !kid.find()) {
                return Optional.empty(); // never "none", never an algorithm the caller chose
            }
            PublicKey key = keysById.get(kid.group(1));
            if (key == null) {
                return Optional.empty();
            }
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64URL_DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            return Optional.of(new String(B64URL_DECODER.decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static String encode(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
