package com.facetrust.application.enrolment;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;

/**
 * Field-level encryption of a subject's identity-store fields (personal data, second-factor secret): AES-256-GCM
 * under the subject's data key, associated data = field label + UID, so a value copied to another subject or
 * another field fails its check, and destroying the data key at deletion shreds every field with the templates.
 * Stored form: IV (12) | ciphertext | tag (16).
 */
public final class SubjectFieldCipher {
    static final String PERSONAL_DATA = "personal-data";
    static final String SECOND_FACTOR = "second-factor";
    static final String PASSWORD = "password";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SubjectFieldCipher() {
    }

    static byte[] encrypt(byte[] plain, SecretKey key, String field, String uid) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad(field, uid));
            byte[] ct = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    static byte[] decrypt(byte[] stored, SecretKey key, String field, String uid) {
        try {
            if (stored.length < 12 + 16) {
                throw new AEADBadTagException("too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 0, 12));
            cipher.updateAAD(aad(field, uid));
            return cipher.doFinal(stored, 12, stored.length - 12);
        } catch (AEADBadTagException e) {
            throw new FaceTrustException(FailureCode.TEMPLATE_INTEGRITY_FAILED, "the stored " + field
                    + " of the subject was altered or moved to another subject", List.of("tag-mismatch"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Moves every encrypted field of the subject (personal data, TOTP secret, password) from data key {@code from}
     * to {@code to}, same plaintext, fresh IVs; the plaintexts are zeroed. Used when the face data is shredded: the
     * old key, which also encrypted the templates, can then be destroyed while the subject keeps its non-face way in.
     */
    public static void rekey(com.facetrust.domain.identity.Subject subject, SecretKey from, SecretKey to) {
        String uid = subject.uid().value();
        subject.personalData().ifPresent(c -> subject.setPersonalData(reencrypt(c, from, to, PERSONAL_DATA, uid)));
        subject.secondFactor().ifPresent(c -> subject.rekeySecondFactor(reencrypt(c, from, to, SECOND_FACTOR, uid)));
        subject.passwordCredential().ifPresent(c -> subject.setPasswordCredential(
                reencrypt(c, from, to, PASSWORD, uid)));
    }

    /** Name and contact as the registry stores them (JSON, then AES-GCM under the subject's data key). */
    public static byte[] encryptPersonalData(String name, String contact, SecretKey key, String uid) {
        jakarta.json.JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder();
        if (name != null) {
            b.add("name", name);
        }
        if (contact != null) {
            b.add("contact", contact);
        }
        byte[] plain = b.build().toString().getBytes(StandardCharsets.UTF_8);
        try {
            return encrypt(plain, key, PERSONAL_DATA, uid);
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] reencrypt(byte[] stored, SecretKey from, SecretKey to, String field, String uid) {
        byte[] plain = decrypt(stored, from, field, uid);
        try {
            return encrypt(plain, to, field, uid);
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] aad(String field, String uid) {
        return ("facetrust/" + field + "/v1|" + uid).getBytes(StandardCharsets.UTF_8);
    }
}
