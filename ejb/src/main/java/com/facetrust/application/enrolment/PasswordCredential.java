package com.facetrust.application.enrolment;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * The password of the non-face way in (A-7.1b, B-5.5.2): PBKDF2-HMAC-SHA256 (JDK {@code PBKDF2WithHmacSHA256}) with
 * a 16-byte random salt per password and the configured iteration count, 32-byte hash. The iteration count is kept
 * with the hash, so raising {@code facetrust.credential.password.iterations} later does not lock anyone out. The
 * encoded form is itself stored AES-GCM-encrypted under the subject's data key ({@link SubjectFieldCipher}).
 *
 * <p>Encoding: {@code 0x01 | iterations (int) | salt (16) | hash (32)}.
 */
final class PasswordCredential {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;
    private static final byte FORMAT = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordCredential(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Checks the policy, then derives a new credential; the password array is left to the caller to zero. */
    static PasswordCredential derive(char[] password, int iterations) {
        requireAcceptable(password);
        if (iterations < 10_000) {
            throw new IllegalArgumentException("at least 10000 PBKDF2 iterations: " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordCredential(iterations, salt, pbkdf2(password, salt, iterations));
    }

    /**
     * NIST SP 800-63B style: length counts, composition rules do not; a single repeated character is refused.
     * Throws {@code PASSWORD_REJECTED} with the reason.
     */
    static void requireAcceptable(char[] password) {
        if (password == null || password.length < MIN_LENGTH || password.length > MAX_LENGTH) {
            throw new FaceTrustException(FailureCode.PASSWORD_REJECTED, "a password has " + MIN_LENGTH + " to "
                    + MAX_LENGTH + " characters", List.of("length:" + MIN_LENGTH + ".." + MAX_LENGTH));
        }
        boolean allSame = true;
        for (char c : password) {
            allSame &= c == password[0];
        }
        if (allSame) {
            throw new FaceTrustException(FailureCode.PASSWORD_REJECTED, "a password of one repeated character",
                    List.of("repeated-character"));
        }
    }

    /** Constant-time comparison of the derived hash; a wrong-length or null password simply does not match. */
    boolean matches(char[] password) {
        if (password == null || password.length == 0 || password.length > MAX_LENGTH) {
            return false;
        }
        byte[] candidate = pbkdf2(password, salt, iterations);
        try {
            return MessageDigest.isEqual(candidate, hash);
        } finally {
            Arrays.fill(candidate, (byte) 0);
        }
    }

    int iterations() {
        return iterations;
    }

    byte[] encode() {
        return ByteBuffer.allocate(1 + 4 + SALT_BYTES + hash.length).put(FORMAT).putInt(iterations).put(salt)
                .put(hash).array();
    }

    static PasswordCredential decode(byte[] encoded) {
        if (encoded == null || encoded.length != 1 + 4 + SALT_BYTES + HASH_BITS / 8 || encoded[0] != FORMAT) {
            throw new FaceTrustException(FailureCode.TEMPLATE_INTEGRITY_FAILED, "the stored password credential "
                    + "has an unknown format", List.of("password-format"));
        }
        ByteBuffer b = ByteBuffer.wrap(encoded, 1, encoded.length - 1);
        int iterations = b.getInt();
        byte[] salt = new byte[SALT_BYTES];
        b.get(salt);
        byte[] hash = new byte[HASH_BITS / 8];
        b.get(hash);
        return new PasswordCredential(iterations, salt, hash);
    }

    void wipe() {
        Arrays.fill(hash, (byte) 0);
        Arrays.fill(salt, (byte) 0);
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
