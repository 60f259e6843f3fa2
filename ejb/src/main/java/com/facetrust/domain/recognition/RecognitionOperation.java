package com.facetrust.domain.recognition;

/** What a caller asks of the recognition service; attempt counters are kept per operation (A-5.7.5.1 e). */
public enum RecognitionOperation {
    /** 1:1 — is this live sample the subject with this UID? (A-5.7.1, D-5.3.2) */
    VERIFY,
    /** 1:N — who in the gallery of a domain is this? */
    IDENTIFY,
    /** ID photo vs live face (人证合一, D-6.6 f): two images in, a decision out; nothing enrolled. */
    ID_PHOTO
}
