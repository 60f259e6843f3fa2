package com.facetrust.domain.protection;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A face reference as it is stored: the domain-transformed embedding encrypted with AES-256-GCM under the subject's
 * data key. Stored as one opaque byte string ({@link #encode()}), format version 1 (all integers big-endian):
 *
 * <pre>
 *  size  field
 *  1     format version (0x01)
 *  1     L = length of the application domain name (1..32)
 *  L     domain name, ASCII
 *  4     domain key version (the transform key, &ge; 1)
 *  16    data key id (UUID of the subject's wrapped data key in the key store)
 *  2     embedding dimension n
 *  12    GCM IV (random per encryption)
 *  4n+16 ciphertext of n float32 values, followed by the 128-bit GCM tag
 * </pre>
 *
 * Everything before the ciphertext (the header) is authenticated as associated data together with the
 * {@link TemplateBinding}, so editing any header field is detected like editing the ciphertext.
 */
public record ProtectedTemplate(int formatVersion, ApplicationDomain domain, int domainKeyVersion, UUID dataKeyId,
                                int dimension, byte[] iv, byte[] ciphertext) {
    public static final int FORMAT_VERSION_1 = 1;
    public static final int IV_BYTES = 12;
    public static final int TAG_BYTES = 16;
    public static final int MAX_DIMENSION = 4096;

    public ProtectedTemplate {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(dataKeyId, "dataKeyId");
        if (formatVersion != FORMAT_VERSION_1) {
            throw integrity("unknown format version " + formatVersion);
        }
        if (domainKeyVersion < 1) {
            throw integrity("domain key version " + domainKeyVersion + " is not positive");
        }
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw integrity("dimension " + dimension + " out of range");
        }
        if (iv == null || iv.length != IV_BYTES) {
            throw integrity("IV must be " + IV_BYTES + " bytes");
        }
        if (ciphertext == null || ciphertext.length != dimension * Float.BYTES + TAG_BYTES) {
            throw integrity("ciphertext length does not match the dimension");
        }
        iv = iv.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** The header bytes (everything before the ciphertext), authenticated as associated data. */
    public byte[] header() {
        byte[] name = domain.nameBytes();
        ByteBuffer b = ByteBuffer.allocate(headerLength(name.length));
        b.put((byte) formatVersion).put((byte) name.length).put(name).putInt(domainKeyVersion)
                .putLong(dataKeyId.getMostSignificantBits()).putLong(dataKeyId.getLeastSignificantBits())
                .putShort((short) dimension).put(iv);
        return b.array();
    }

    /** The stored form: header followed by ciphertext and tag. */
    public byte[] encode() {
        byte[] header = header();
        byte[] out = Arrays.copyOf(header, header.length + ciphertext.length);
        System.arraycopy(ciphertext, 0, out, header.length, ciphertext.length);
        return out;
    }

    /**
     * Parses a stored template. A malformed byte string (truncated, unknown version, trailing bytes) is an integrity
     * failure: stored rows are only ever written by {@link #encode()}.
     */
    public static ProtectedTemplate decode(byte[] stored) {
        if (stored == null || stored.length < 2) {
            throw integrity("stored template is empty or truncated");
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(stored);
            int version = b.get() & 0xff;
            if (version != FORMAT_VERSION_1) {
                throw integrity("unknown format version " + version);
            }
            int nameLength = b.get() & 0xff;
            if (nameLength < 1 || nameLength > 32) {
                throw integrity("domain name length " + nameLength + " out of range");
            }
            byte[] name = new byte[nameLength];
            b.get(name);
            ApplicationDomain domain;
            try {
                domain = new ApplicationDomain(new String(name, StandardCharsets.US_ASCII));
            } catch (FaceTrustException e) {
                throw integrity("domain name is not valid");
            }
            int keyVersion = b.getInt();
            UUID dataKeyId = new UUID(b.getLong(), b.getLong());
            int dimension = b.getShort() & 0xffff;
            byte[] iv = new byte[IV_BYTES];
            b.get(iv);
            if (b.remaining() != dimension * Float.BYTES + TAG_BYTES) {
                throw integrity("stored length does not match the header's dimension");
            }
            byte[] ciphertext = new byte[b.remaining()];
            b.get(ciphertext);
            return new ProtectedTemplate(version, domain, keyVersion, dataKeyId, dimension, iv, ciphertext);
        } catch (BufferUnderflowException e) {
            throw integrity("stored template is truncated");
        }
    }

    static int headerLength(int nameLength) {
        return 1 + 1 + nameLength + 4 + 16 + 2 + IV_BYTES;
    }

    private static FaceTrustException integrity(String reason) {
        return new FaceTrustException(FailureCode.TEMPLATE_INTEGRITY_FAILED,
                "The stored template is malformed: " + reason, List.of(reason));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProtectedTemplate t && Arrays.equals(encode(), t.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "ProtectedTemplate[v" + formatVersion + ", domain=" + domain + ", keyVersion=" + domainKeyVersion
                + ", dataKeyId=" + dataKeyId + ", dimension=" + dimension + ", iv=" + HexFormat.of().formatHex(iv) + "]";
    }
}
