package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;
import com.facetrust.domain.protection.ApplicationDomain;
import com.facetrust.domain.protection.ProtectedTemplate;
import com.facetrust.domain.protection.TemplateBinding;
import com.facetrust.domain.protection.TemplateKeyStore;
import com.facetrust.domain.protection.TemplateProtector;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Template protection with a keyed orthogonal transform per domain key version ({@link OrthogonalDomainTransform})
 * and AES-256-GCM under the subject's data key. The associated data is the template header (format, domain, key
 * version, data key id, dimension, IV) plus the binding (pseudonym, reference id, domain), so a tampered, swapped
 * or re-labelled row fails with {@code TEMPLATE_INTEGRITY_FAILED} (D-8.2.4e, A-5.7.1c).
 *
 * <p>IVs are 96 random bits per encryption; one data key encrypts only its subject's few references, far below the
 * 2<sup>32</sup> random-IV bound of NIST SP 800-38D. Thread-safe. Transforms are derived once per domain key
 * version (about a second for 512-d) and cached until their key disappears.
 */
public final class AesGcmTemplateProtector implements TemplateProtector {
    private static final byte[] AAD_LABEL = "facetrust/protected-template/v1|".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_BITS = ProtectedTemplate.TAG_BYTES * 8;

    private final TemplateKeyStore keys;
    private final TemplateProtectionConfig config;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, OrthogonalDomainTransform> transforms = new ConcurrentHashMap<>();

    public AesGcmTemplateProtector(TemplateKeyStore keys, TemplateProtectionConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @Override
    public ProtectedTemplate protect(float[] embedding, TemplateBinding binding, UUID dataKeyId) {
        validateEmbedding(embedding);
        int version = keys.currentDomainKeyVersion(binding.domain());
        double[] transformed = transform(binding.domain(), version).apply(embedding);
        try {
            return encrypt(transformed, binding, version, dataKeyId);
        } finally {
            Arrays.fill(transformed, 0);
        }
    }

    @Override
    public float[] open(ProtectedTemplate template, TemplateBinding binding) {
        if (!template.domain().equals(binding.domain())) {
            throw integrity("the template belongs to domain " + template.domain() + ", the row to "
                    + binding.domain(), "domain-mismatch");
        }
        if (template.dimension() != config.dimension()) {
            // Authentic, but from an engine with another embedding size: it cannot be compared with our probes.
            throw invalid("the stored template has dimension " + template.dimension() + ", the engine produces "
                    + config.dimension(), "wrong-dimension");
        }
        if (!keys.domainKeyVersions(template.domain()).contains(template.domainKeyVersion())) {
            // Renewed away: the template is revoked even though its data key still exists.
            throw new FaceTrustException(FailureCode.TEMPLATE_KEY_DESTROYED, "Key version "
                    + template.domainKeyVersion() + " of domain " + template.domain() + " was destroyed",
                    List.of("domain-key-destroyed"));
        }
        SecretKey dataKey = keys.dataKey(template.dataKeyId());
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, template.iv()));
            cipher.updateAAD(associatedData(template.header(), binding));
            plain = cipher.doFinal(template.ciphertext());
        } catch (AEADBadTagException e) {
            throw integrity("the template's ciphertext, header or binding was altered", "tag-mismatch");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
        float[] vector = new float[template.dimension()];
        ByteBuffer.wrap(plain).asFloatBuffer().get(vector);
        Arrays.fill(plain, (byte) 0);
        return vector;
    }

    @Override
    public float[] transformProbe(float[] embedding, ApplicationDomain domain, int domainKeyVersion) {
        validateEmbedding(embedding);
        double[] y = transform(domain, domainKeyVersion).apply(embedding);
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) y[i];
        }
        Arrays.fill(y, 0);
        return out;
    }

    @Override
    public double compare(float[] probeEmbedding, ProtectedTemplate template, TemplateBinding binding) {
        float[] reference = open(template, binding);
        float[] probe = transformProbe(probeEmbedding, template.domain(), template.domainKeyVersion());
        try {
            return cosine(probe, reference);
        } finally {
            Arrays.fill(reference, 0);
            Arrays.fill(probe, 0);
        }
    }

    @Override
    public ProtectedTemplate reissue(ProtectedTemplate template, TemplateBinding binding, int newDomainKeyVersion) {
        float[] old = open(template, binding);
        double[] oldSpace = new double[old.length];
        for (int i = 0; i < old.length; i++) {
            oldSpace[i] = old[i];
        }
        Arrays.fill(old, 0);
        double[] embedding = transform(template.domain(), template.domainKeyVersion()).invert(oldSpace);
        Arrays.fill(oldSpace, 0);
        float[] embeddingF = new float[embedding.length];
        for (int i = 0; i < embedding.length; i++) {
            embeddingF[i] = (float) embedding[i];
        }
        Arrays.fill(embedding, 0);
        double[] renewed = transform(template.domain(), newDomainKeyVersion).apply(embeddingF);
        Arrays.fill(embeddingF, 0);
        try {
            return encrypt(renewed, binding, newDomainKeyVersion, template.dataKeyId());
        } finally {
            Arrays.fill(renewed, 0);
        }
    }

    /** Drops and overwrites cached transforms whose key version is no longer live (after a rotation). */
    public void forgetDestroyedTransforms() {
        transforms.entrySet().removeIf(e -> {
            String[] parts = e.getKey().split("#");
            boolean live = keys.domainKeyVersions(ApplicationDomain.of(parts[0])).contains(Integer.parseInt(parts[1]));
            if (!live) {
                e.getValue().destroy();
            }
            return !live;
        });
    }

    private ProtectedTemplate encrypt(double[] transformed, TemplateBinding binding, int version, UUID dataKeyId) {
        SecretKey dataKey = keys.dataKey(dataKeyId);
        ByteBuffer plain = ByteBuffer.allocate(transformed.length * Float.BYTES);
        for (double v : transformed) {
            plain.putFloat((float) v);
        }
        byte[] iv = new byte[ProtectedTemplate.IV_BYTES];
        random.nextBytes(iv);
        // The header is built before encryption because it is part of the associated data.
        ProtectedTemplate headerOnly = new ProtectedTemplate(ProtectedTemplate.FORMAT_VERSION_1, binding.domain(),
                version, dataKeyId, transformed.length, iv,
                new byte[transformed.length * Float.BYTES + ProtectedTemplate.TAG_BYTES]);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(headerOnly.header(), binding));
            byte[] sealed = cipher.doFinal(plain.array());
            return new ProtectedTemplate(ProtectedTemplate.FORMAT_VERSION_1, binding.domain(), version, dataKeyId,
                    transformed.length, iv, sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        } finally {
            Arrays.fill(plain.array(), (byte) 0);
        }
    }

    /** label | header | len(pseudonym) | pseudonym | len(reference id) | reference id | len(domain) | domain. */
    private static byte[] associatedData(byte[] header, TemplateBinding binding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(AAD_LABEL);
        out.writeBytes(header);
        byte[] pseudonym = binding.pseudonym().getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) pseudonym.length).array());
        out.writeBytes(pseudonym);
        byte[] referenceId = binding.referenceId().getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) referenceId.length).array());
        out.writeBytes(referenceId);
        byte[] domain = binding.domain().nameBytes();
        out.write(domain.length);
        out.writeBytes(domain);
        return out.toByteArray();
    }

    private OrthogonalDomainTransform transform(ApplicationDomain domain, int version) {
        String cacheKey = domain.name() + "#" + version;
        OrthogonalDomainTransform cached = transforms.get(cacheKey);
        if (cached != null && !cached.isDestroyed()
                && keys.domainKeyVersions(domain).contains(version)) {
            return cached;
        }
        SecretKey key = keys.domainKey(domain, version); // fails with a coded error for destroyed versions
        return transforms.compute(cacheKey, (k, existing) -> existing != null && !existing.isDestroyed()
                ? existing : OrthogonalDomainTransform.derive(key, domain, version, config.dimension()));
    }

    private void validateEmbedding(float[] embedding) {
        if (embedding == null || embedding.length != config.dimension()) {
            throw invalid("the embedding must have " + config.dimension() + " values, not "
                    + (embedding == null ? "none" : embedding.length), "wrong-dimension");
        }
        double sum = 0;
        for (float v : embedding) {
            if (!Float.isFinite(v)) {
                throw invalid("the embedding contains NaN or infinite values", "not-finite");
            }
            sum += (double) v * v;
        }
        double norm = Math.sqrt(sum);
        if (Math.abs(norm - 1.0) > config.normTolerance()) {
            throw invalid("the embedding is not L2-normalised (norm " + norm + ")", "not-unit-length");
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static FaceTrustException integrity(String message, String reason) {
        return new FaceTrustException(FailureCode.TEMPLATE_INTEGRITY_FAILED, message, List.of(reason));
    }

    private static FaceTrustException invalid(String message, String reason) {
        return new FaceTrustException(FailureCode.TEMPLATE_INVALID, message, List.of(reason));
    }
}
