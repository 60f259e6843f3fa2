package com.facetrust.application.enrolment;

/**
 * Fired by {@link ReferenceLedger} inside its XA transaction after the identity-store write and before the
 * biometric-store write (audit hook; an observer that throws rolls back both stores — the system test injects its
 * failure here).
 *
 * @param uid the subject's UID
 * @param references how many references are about to be written
 */
public record ReferencesWriting(String uid, int references) {
}
