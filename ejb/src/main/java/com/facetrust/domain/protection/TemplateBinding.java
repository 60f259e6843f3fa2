package com.facetrust.domain.protection;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a protected template is bound to (D-8.2.4e, A-5.7.1c): the subject's keyed pseudonym, the reference's id and
 * the application domain. These values come from the row that holds the template; they are authenticated as
 * associated data, so a ciphertext moved to another row, subject or domain fails its integrity check.
 *
 * @param pseudonym   the subject's keyed pseudonym ({@link SubjectPseudonymizer}), never the UID itself
 * @param referenceId the id of this face reference exactly as the row stores it (e.g. 32 hex characters); a subject
 *                    may have several references (D-6.2f)
 * @param domain      the application domain the reference was enrolled for
 */
public record TemplateBinding(String pseudonym, String referenceId, ApplicationDomain domain) {
    private static final Pattern TEXT = Pattern.compile("[0-9A-Za-z_-]{1,128}");

    public TemplateBinding {
        Objects.requireNonNull(domain, "domain");
        if (pseudonym == null || !TEXT.matcher(pseudonym).matches()) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST,
                    "A template binding needs a pseudonym of 1-128 characters [0-9A-Za-z_-]");
        }
        if (referenceId == null || !TEXT.matcher(referenceId).matches()) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST,
                    "A template binding needs a reference id of 1-128 characters [0-9A-Za-z_-]");
        }
    }
}
