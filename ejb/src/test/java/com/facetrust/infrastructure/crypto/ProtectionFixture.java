package com.facetrust.infrastructure.crypto;

import com.facetrust.domain.protection.ApplicationDomain;

import java.nio.file.Path;
import java.util.Random;

/** Real key material in a temporary directory: a PKCS12 master keystore and a file key store beside it. */
final class ProtectionFixture {
    static final char[] PASSWORD = "test-only-master-password".toCharArray();
    static final ApplicationDomain COUNTER = ApplicationDomain.of("branch-counter");
    static final ApplicationDomain MOBILE = ApplicationDomain.of("mobile-banking");

    final Pkcs12MasterKeyProvider.Config masterConfig;
    final Pkcs12MasterKeyProvider master;
    final FileTemplateKeyStore keys;
    final AesGcmTemplateProtector protector;
    final Path keyDirectory;

    ProtectionFixture(Path dir) {
        masterConfig = new Pkcs12MasterKeyProvider.Config(dir.resolve("master.p12"), PASSWORD);
        master = Pkcs12MasterKeyProvider.createKeystore(masterConfig);
        keyDirectory = dir.resolve("template-keys");
        keys = new FileTemplateKeyStore(keyDirectory, master);
        protector = new AesGcmTemplateProtector(keys, TemplateProtectionConfig.defaults());
    }

    static float[] randomUnitVector(Random random, int dimension) {
        float[] v = new float[dimension];
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
            sum += (double) v[i] * v[i];
        }
        float norm = (float) Math.sqrt(sum);
        for (int i = 0; i < dimension; i++) {
            v[i] /= norm;
        }
        return v;
    }

    /** A unit vector at a chosen cosine to {@code base}: like a genuine pair of embeddings. */
    static float[] correlatedUnitVector(Random random, float[] base, double cosine) {
        float[] noise = randomUnitVector(random, base.length);
        double dot = 0;
        for (int i = 0; i < base.length; i++) {
            dot += (double) noise[i] * base[i];
        }
        double[] orth = new double[base.length];
        double n = 0;
        for (int i = 0; i < base.length; i++) {
            orth[i] = noise[i] - dot * base[i];
            n += orth[i] * orth[i];
        }
        n = Math.sqrt(n);
        double sin = Math.sqrt(1 - cosine * cosine);
        float[] out = new float[base.length];
        for (int i = 0; i < base.length; i++) {
            out[i] = (float) (cosine * base[i] + sin * orth[i] / n);
        }
        return out;
    }
}
