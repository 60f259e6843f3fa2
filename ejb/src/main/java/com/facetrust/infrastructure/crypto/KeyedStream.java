package com.facetrust.infrastructure.crypto;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * A deterministic pseudo-random stream from a key: the counter-mode KDF of NIST SP 800-108 with HMAC-SHA256
 * (block i = HMAC(key, i || label)). The JDK's DRBG cannot be seeded deterministically, and the transform must be
 * reproducible from its key alone; a PRF in counter mode gives exactly that. Gaussian values by Box-Muller.
 */
final class KeyedStream {
    private final Mac mac;
    private final byte[] label;
    private long counter;
    private final ByteBuffer block = ByteBuffer.allocate(32);
    private double spareGaussian = Double.NaN;

    KeyedStream(SecretKey key, byte[] label) {
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            this.mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        this.label = label.clone();
        block.position(block.limit()); // empty: refill on first use
    }

    long nextLong() {
        if (block.remaining() < Long.BYTES) {
            refill();
        }
        return block.getLong();
    }

    /** Uniform in the open interval (0, 1), 53 bits. */
    double nextOpenUnit() {
        return ((nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }

    double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double radius = Math.sqrt(-2.0 * Math.log(nextOpenUnit()));
        double angle = 2.0 * Math.PI * nextOpenUnit();
        spareGaussian = radius * Math.sin(angle);
        return radius * Math.cos(angle);
    }

    private void refill() {
        mac.update(ByteBuffer.allocate(Long.BYTES).putLong(counter++).array());
        mac.update(label);
        byte[] out = mac.doFinal();
        block.clear();
        block.put(out);
        block.flip();
        Arrays.fill(out, (byte) 0);
    }
}
