package com.facetrust.domain.identity;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The external identifier of a subject (A-5.1c, D-6.2c): 128 bits from {@link SecureRandom}, written as 32 lower-case
 * hex digits. Unpredictable so that a UID leaks nothing and cannot be guessed; the store's unique constraint makes
 * "one identifier per subject" hold even if two generators ever collided.
 */
public record SubjectUid(String value) {
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");
    // SecureRandom is thread-safe; the default (NativePRNG / DRBG) never blocks once the kernel pool is seeded.
    private static final SecureRandom RANDOM = new SecureRandom();

    public SubjectUid {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("A subject UID is 32 lower-case hex digits");
        }
    }

    /** A fresh UID from the platform's strong generator. */
    public static SubjectUid generate() {
        return generate(RANDOM);
    }

    public static SubjectUid generate(SecureRandom random) {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return new SubjectUid(HexFormat.of().formatHex(bits));
    }

    /** True when the text is a well-formed UID; lets callers answer "bad request" instead of throwing. */
    public static boolean isWellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
