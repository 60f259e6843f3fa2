package com.facetrust.domain.biometric;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One enrolled face reference in the biometric store (persistence unit {@code biometric}): a protected template
 * only — never an image (A-7.4b). The template bytes are the output of the template protection (keyed transform,
 * then AES-GCM under the subject's data key, D-6.6h, A-7.2b); this entity neither knows nor checks the crypto, it
 * only refuses anything the size of an image. The owner is known only by a keyed pseudonym of the subject UID,
 * so this store alone links no face to a person (B-5.4.2, C-6.1.5). Several references per subject are allowed
 * (D-6.2f).
 */
@Entity
@Table(name = "face_reference",
        uniqueConstraints = @UniqueConstraint(name = "uk_face_reference_reference_id", columnNames = "reference_id"),
        indexes = @Index(name = "ix_face_reference_pseudonym", columnList = "pseudonym"))
public class FaceReference {

    /**
     * Upper bound on a protected template: a 512-d float template is 2 KiB, plus nonce, tag and header. Anything
     * larger is not a template (an image would be tens of KiB), so the entity and a CHECK constraint in the
     * database both refuse it.
     */
    public static final int MAX_TEMPLATE_BYTES = 8192;

    private static final Pattern REFERENCE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern PSEUDONYM = Pattern.compile("[0-9A-Za-z_-]{16,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "face_reference_seq")
    @SequenceGenerator(name = "face_reference_seq", sequenceName = "face_reference_seq", allocationSize = 50)
    private Long id;

    /** Public, random id of this reference (so subjects can list and delete their own, D-6.2g). */
    @Column(name = "reference_id", length = 32, nullable = false, updatable = false)
    private String referenceId;

    /** Keyed pseudonym of the subject UID (e.g. HMAC-SHA-256, key outside the database). */
    @Column(name = "pseudonym", length = 64, nullable = false, updatable = false)
    private String pseudonym;

    /** Application domain whose keyed transform and keys protect this template (unlinkability across domains). */
    @Column(name = "protection_domain", length = 64, nullable = false)
    private String protectionDomain;

    @Column(name = "template", nullable = false, length = MAX_TEMPLATE_BYTES)
    private byte[] template;

    /** Version of the domain key the template was protected with; key rotation re-issues and bumps it. */
    @Column(name = "key_version", nullable = false)
    private int keyVersion;

    /** Which model (name and version/digest) produced the template: templates of different models never compare. */
    @Column(name = "model_version", length = 128, nullable = false)
    private String modelVersion;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected FaceReference() {
        // for JPA
    }

    public FaceReference(String referenceId, String pseudonym, String protectionDomain, byte[] template,
                         int keyVersion, String modelVersion, Instant createdAt) {
        if (referenceId == null || !REFERENCE_ID.matcher(referenceId).matches()) {
            throw new IllegalArgumentException("referenceId must be 32 lower-case hex digits");
        }
        if (pseudonym == null || !PSEUDONYM.matcher(pseudonym).matches()) {
            throw new IllegalArgumentException("pseudonym must be 16..64 characters of [0-9A-Za-z_-]");
        }
        this.referenceId = referenceId;
        this.pseudonym = pseudonym;
        this.protectionDomain = requireText(protectionDomain, "protectionDomain", 64);
        this.template = checkedTemplate(template);
        if (keyVersion < 1) {
            throw new IllegalArgumentException("keyVersion starts at 1");
        }
        this.keyVersion = keyVersion;
        this.modelVersion = requireText(modelVersion, "modelVersion", 128);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A fresh random reference id (128 bits, hex). */
    public static String newReferenceId() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    private static byte[] checkedTemplate(byte[] template) {
        if (template == null || template.length == 0 || template.length > MAX_TEMPLATE_BYTES) {
            throw new IllegalArgumentException("a protected template is 1.." + MAX_TEMPLATE_BYTES + " bytes");
        }
        return template.clone();
    }

    private static String requireText(String text, String name, int maxLength) {
        if (text == null || text.isBlank() || text.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1.." + maxLength + " characters");
        }
        return text;
    }

    public Long id() { return id; }
    public String referenceId() { return referenceId; }
    public String pseudonym() { return pseudonym; }
    public String protectionDomain() { return protectionDomain; }
    public byte[] template() { return template.clone(); }
    public int keyVersion() { return keyVersion; }
    public String modelVersion() { return modelVersion; }
    public Instant createdAt() { return createdAt; }

    /** Re-issues the template under a new key version (renewability, A-7.2b); the old bytes are overwritten. */
    public void reissue(byte[] newTemplate, int newKeyVersion) {
        if (newKeyVersion <= keyVersion) {
            throw new IllegalArgumentException("key versions only move forward");
        }
        byte[] old = template;
        template = checkedTemplate(newTemplate);
        keyVersion = newKeyVersion;
        Arrays.fill(old, (byte) 0);
    }
}
