package com.facetrust.application.imports;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The public keys of import sources: parsing (PEM or base64 of X.509 SubjectPublicKeyInfo; EC on P-256 or RSA of at
 * least 2048 bits) and verifying a manifest's detached signature (SHA256withECDSA, DER, or SHA256withRSA) over the
 * exact bytes of {@code manifest.json}. The signature file may hold the raw signature or its base64.
 */
final class SourceKeys {

    private SourceKeys() {
    }

    /** Algorithm name ("EC" or "RSA") and the DER encoding of an acceptable key. */
    record ParsedKey(String algorithm, byte[] der) {
    }

    static ParsedKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("publicKey is required");
        }
        String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalid("publicKey is neither PEM nor base64");
        }
        for (String algorithm : List.of("EC", "RSA")) {
            try {
                PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
                    return new ParsedKey("EC", der);
                }
                if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048) {
                    return new ParsedKey("RSA", der);
                }
                throw invalid("only EC P-256 or RSA of at least 2048 bits");
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw invalid("publicKey is not an X.509 EC or RSA public key");
    }

    static boolean verifies(String algorithm, byte[] der, byte[] manifest, byte[] signatureFile) {
        try {
            PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            Signature verifier = Signature.getInstance("EC".equals(algorithm) ? "SHA256withECDSA" : "SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(manifest);
            return verifier.verify(signatureBytes(signatureFile));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Raw signature bytes, or the base64 text of them. */
    private static byte[] signatureBytes(byte[] file) {
        String text = new String(file, java.nio.charset.StandardCharsets.US_ASCII).strip();
        if (text.matches("[A-Za-z0-9+/=\\s]+")) {
            try {
                return Base64.getMimeDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                return file;
            }
        }
        return file;
    }

    private static FaceTrustException invalid(String message) {
        return new FaceTrustException(FailureCode.IMPORT_SOURCE_INVALID, message);
    }
}
