package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.MasterKeyProvider;
import com.facetrust.domain.protection.SubjectPseudonymizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Pseudonym = base64url(HMAC-SHA256(pseudonym key, "facetrust/subject-pseudonym/v1|" + UID)), 43 characters. The
 * key is in the master keystore, outside both databases (B-5.4.2, C-6.1.5); without it a pseudonym cannot be
 * computed from a UID nor reversed.
 */
public final class HmacSubjectPseudonymizer implements SubjectPseudonymizer {
    private static final byte[] LABEL = "facetrust/subject-pseudonym/v1|".getBytes(StandardCharsets.US_ASCII);
    private final MasterKeyProvider master;

    public HmacSubjectPseudonymizer(MasterKeyProvider master) {
        this.master = master;
    }

    @Override
    public String pseudonym(String subjectUid) {
        if (subjectUid == null || subjectUid.isBlank()) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "A subject UID is required for its pseudonym");
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(LABEL);
        message.writeBytes(subjectUid.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(master.pseudonymMac(message.toByteArray()));
    }
}
