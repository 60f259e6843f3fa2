package com.facetrust.domain.protection;

import com.facetrust.domain.failure.FaceTrustException;
import com.facetrust.domain.failure.FailureCode;

import java.util.Objects;
import java.util.UUID;

/**
 * What a protected template is bound to (D-8.2.4e, A-5.7.1c): the subject's keyed pseudonym, the reference's id and
 * the application domain. These values come from the row that holds the template; they are authenticated as
 * associated data, so a ciphertext moved to another row, subject or domain fails its integrity check.
 *
 * @param pseudonym   the subject's keyed pseudonym ({@link SubjectPseudonymizer}), never the UID itself
 * @param referenceId the id of this face reference (a subject may have several, D-6.2f)
 * @param domain      the application domain the reference was enrolled for
 */
public record TemplateBinding(String pseudonym, UUID referenceId, ApplicationDomain domain) {
    public TemplateBinding {
        Objects.requireNonNull(referenceId, "referenceId");
        Objects.requireNonNull(domain, "domain");
        if (pseudonym == null || pseudonym.isEmpty() || pseudonym.length() > 128) {
            throw new FaceTrustException(FailureCode.BAD_REQUEST, "A template binding needs a pseudonym of 1-128 characters");
        }
    }
}
