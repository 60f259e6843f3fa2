package com.facetrust.domain.protection;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A purpose for which faces are enrolled (e.g. {@code branch-counter}, {@code mobile-banking}). Each domain has its
 * own transform key, so two templates of one face issued for different domains cannot be linked (A-7.2b, D-3.6).
 * The name is part of every protected template's header and associated data, hence the short, strict alphabet.
 */
public record ApplicationDomain(String name) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public ApplicationDomain {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST,
                    "An application domain name is 1-32 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
    }

    public static ApplicationDomain of(String name) {
        return new ApplicationDomain(name);
    }

    /** The name as ASCII bytes (the alphabet guarantees one byte per character). */
    public byte[] nameBytes() {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return name;
    }
}
