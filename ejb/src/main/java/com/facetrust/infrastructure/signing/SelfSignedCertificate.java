package com.facetrust.infrastructure.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A minimal self-signed X.509 v3 certificate (DER written by hand) for an EC P-256 key pair. PKCS12 keystores hold a
 * private key only together with a certificate chain, and the JDK has no public API to make one; nobody validates
 * this certificate — the JWKS publishes the public key itself.
 */
final class SelfSignedCertificate {
    /** ecdsa-with-SHA256, 1.2.840.10045.4.3.2. */
    private static final byte[] ECDSA_SHA256 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03,
            0x02};
    /** commonName, 2.5.4.3. */
    private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private SelfSignedCertificate() {
    }

    static X509Certificate create(KeyPair pair, String commonName, ZonedDateTime notBefore, int validYears) {
        try {
            byte[] name = sequence(set(sequence(COMMON_NAME, der(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
            byte[] algorithm = sequence(ECDSA_SHA256);
            ZonedDateTime from = notBefore.withZoneSameInstant(ZoneOffset.UTC).withNano(0);
            byte[] validity = sequence(time(from), time(from.plusYears(validYears)));
            byte[] serial = der(0x02, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray());
            byte[] version = der(0xa0, der(0x02, new byte[]{2}));
            byte[] tbs = sequence(version, serial, algorithm, name, validity, name, pair.getPublic().getEncoded());
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1]; // BIT STRING: leading "unused bits" octet 0
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] certificate = sequence(tbs, algorithm, der(0x03, bits));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the certificate of the signing key", e);
        }
    }

    private static byte[] time(ZonedDateTime t) {
        return der(0x18, GENERALIZED_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sequence(byte[]... parts) {
        return der(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return der(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
