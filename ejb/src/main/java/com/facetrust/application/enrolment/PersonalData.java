package com.facetrust.application.enrolment;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

/**
 * The personal data FaceTrust keeps about a subject — only what is needed to reach the person (data minimisation):
 * a name and a contact (e-mail or phone). Both optional; stored encrypted at field level.
 */
public record PersonalData(String name, String contact) {
    static final int MAX_LENGTH = 200;

    public PersonalData {
        name = clean(name, "name");
        contact = clean(contact, "contact");
    }

    private static String clean(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > MAX_LENGTH || v.chars().anyMatch(Character::isISOControl)) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, field + " must be 1.." + MAX_LENGTH
                    + " printable characters");
        }
        return v;
    }

    boolean isEmpty() {
        return name == null && contact == null;
    }
}
