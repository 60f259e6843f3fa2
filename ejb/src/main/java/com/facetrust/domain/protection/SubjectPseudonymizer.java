package com.facetrust.domain.protection;

/**
 * Derives the keyed pseudonym that links a subject's face references to the subject (B-5.4.2, C-6.1.5): the
 * biometric store holds only the pseudonym, the identity store only the UID, and the key that joins them lives
 * outside both, so neither store alone links a face to a person.
 */
public interface SubjectPseudonymizer {

    /** The pseudonym of a subject UID: deterministic for the pseudonym key, not invertible without it. */
    String pseudonym(String subjectUid);
}
