package com.facetrust.domain.failure;

/**
 * The documented failure table (requirement A-5.7.5.2): every failure FaceTrust reports carries one of these
 * codes, the HTTP status that fits it and the event level it raises (A-5.7.5.3). docs/error-codes.md lists them
 * all; keep the two in step. Codes are stable identifiers: add new ones, never renumber or reuse.
 *
 * <p>Ranges: 1xxx input images, 2xxx faces and quality, 3xxx authentication and authorisation,
 * 4xxx subjects/consent/enrolment, 5xxx recognition, 6xxx presentation attacks, 7xxx audit log and events,
 * 9xxx system faults.
 */
public enum FailureCode {
    // 1xxx — the submitted image itself
    IMAGE_MISSING("FT-1000", 400, EventLevel.NONE, "No image was supplied."),
    IMAGE_TOO_LARGE("FT-1001", 413, EventLevel.NONE, "The image exceeds the configured size in bytes."),
    IMAGE_DIMENSIONS_TOO_LARGE("FT-1002", 422, EventLevel.NONE,
            "The image header declares more pixels than allowed; nothing was decoded."),
    IMAGE_FORMAT_UNSUPPORTED("FT-1003", 415, EventLevel.NONE,
            "The data is not a JPEG, PNG, BMP or WebP image (checked by its content, not its label)."),
    IMAGE_CORRUPT("FT-1004", 422, EventLevel.NONE, "The image is truncated or cannot be decoded."),
    IMAGE_TOO_SMALL("FT-1005", 422, EventLevel.NONE, "The image is smaller than the minimum size."),

    // 2xxx — faces found (or not) in the image, and their quality
    NO_FACE("FT-2001", 422, EventLevel.NONE, "No face was found in the image."),
    MULTIPLE_FACES("FT-2002", 422, EventLevel.NONE,
            "Several faces of similar prominence were found and the request does not allow picking one."),
    QUALITY_INSUFFICIENT("FT-2003", 422, EventLevel.NONE,
            "The face does not meet the quality requirements; the reasons list what to fix."),
    FEATURE_EXTRACTION_FAILED("FT-2004", 422, EventLevel.WARNING, "No template could be extracted from the face."),

    // 3xxx — who is calling
    UNAUTHENTICATED("FT-3001", 401, EventLevel.NONE, "A valid bearer token is required."),
    FORBIDDEN("FT-3002", 403, EventLevel.WARNING, "The caller's roles do not allow this operation."),
    BAD_REQUEST("FT-3003", 400, EventLevel.NONE, "The request is malformed."),
    NOT_FOUND("FT-3004", 404, EventLevel.NONE, "No such resource."),
    REQUEST_TOO_LARGE("FT-3005", 413, EventLevel.NONE, "The request body exceeds the configured limit."),

    // 40xx — subjects and enrolment records in the two stores
    SUBJECT_DUPLICATE("FT-4001", 409, EventLevel.WARNING,
            "A subject with this UID is already recorded (one identifier per subject, D-6.2c); nothing was written."),
    REFERENCE_DUPLICATE("FT-4002", 409, EventLevel.WARNING,
            "A face reference with this id is already recorded; nothing was written to either store."),
    SUBJECT_UNKNOWN("FT-4003", 404, EventLevel.NONE, "No subject with this UID is known."),
    CONSENT_MISSING("FT-4004", 409, EventLevel.WARNING,
            "The subject has not given a valid consent for this purpose; no face data was processed (D-8.2.5a)."),
    CONSENT_WITHDRAWN("FT-4005", 409, EventLevel.WARNING,
            "The subject withdrew the consent for this purpose; no face data was processed and deletion is scheduled."),
    TOO_MANY_REFERENCES("FT-4006", 409, EventLevel.NONE,
            "The subject already has the configured maximum number of face references; remove one first."),
    CONSENT_NOTICE_OUTDATED("FT-4007", 422, EventLevel.NONE,
            "The consent names a notice version that is not the current notice for its purpose; show the current "
                    + "notice and ask again."),
    SUBJECT_BEING_DELETED("FT-4008", 410, EventLevel.NONE,
            "The subject's deletion is scheduled or done; its data can no longer be used or changed."),
    REFERENCE_UNKNOWN("FT-4009", 404, EventLevel.NONE, "The subject has no face reference with this id."),
    SECOND_FACTOR_MISSING("FT-4010", 409, EventLevel.NONE,
            "The subject has no second factor set up (or the request carries no one-time code); set it up first."),
    SECOND_FACTOR_WRONG("FT-4011", 403, EventLevel.WARNING,
            "The one-time code is wrong, expired or already used; nothing was changed."),
    SUBJECT_NOT_VERIFIED("FT-4012", 403, EventLevel.WARNING,
            "The face presented does not match the subject's references; nothing was changed."),

    // 45xx — protected templates (ISO/IEC 24745; D-8.2.4e, A-5.7.1c, D-8.2.5g)
    TEMPLATE_INTEGRITY_FAILED("FT-4501", 409, EventLevel.ALARM,
            "A stored template failed its integrity check (edited, or moved to another subject, reference or domain); "
                    + "it was not used."),
    TEMPLATE_KEY_DESTROYED("FT-4502", 410, EventLevel.WARNING,
            "A key the template depends on was destroyed (the subject was deleted, or the domain key was rotated "
                    + "away); the template can no longer be used."),
    TEMPLATE_INVALID("FT-4503", 422, EventLevel.NONE,
            "The template has the wrong dimension or is not a finite unit-length vector."),
    APPLICATION_DOMAIN_UNKNOWN("FT-4504", 404, EventLevel.NONE, "No keys exist for this application domain."),

    // 46xx — subject lifecycle (issue 4, session 2): non-face way in, face-data deletion, retention, key rotation
    DELETION_OVERDUE("FT-4601", 503, EventLevel.ALARM,
            "A scheduled deletion is past its due date (the 15-day limit of A-7.3 is at risk); raised by the maintenance job, not answered to a caller."),
    PASSWORD_REJECTED("FT-4602", 422, EventLevel.NONE,
            "The password does not meet the policy (10 to 128 characters, not only one repeated character); nothing was stored."),
    PASSWORD_ALREADY_SET("FT-4603", 409, EventLevel.NONE,
            "The subject already has a password; to change it send the current password and a one-time code."),
    FACE_DATA_BEING_DELETED("FT-4604", 409, EventLevel.NONE,
            "The face-verification consent ended and the subject's face references are being deleted; enrol again after the deletion."),
    KEY_ROTATION_RUNNING("FT-4605", 409, EventLevel.NONE,
            "A key rotation of this domain is already running; follow its progress instead of starting another."),
    CREDENTIAL_SUBJECT_UNUSABLE("FT-4606", 404, EventLevel.WARNING,
            "A credential check named a subject that is unknown, being deleted, without privacy-policy consent or without a password and second factor; the caller got NO_MATCH like a wrong credential."),
    KEK_ROTATION_RUNNING("FT-4607", 409, EventLevel.NONE,
            "A rotation of the key-encryption key is already running; follow its progress instead of starting another."),
    KEK_ROTATION_INCOMPLETE("FT-4608", 409, EventLevel.ALARM,
            "A KEK rotation found stored keys still wrapped under the old KEK after re-wrapping (e.g. key files failing their integrity check); the old KEK was kept and the run failed. Raised by the rotation job, not answered to a caller."),

    // 47xx — batch import from declared sources (A-5.6.3, D-6.2e)
    IMPORT_SOURCE_UNKNOWN("FT-4701", 403, EventLevel.WARNING,
            "The manifest names no registered import source; nothing was imported."),
    IMPORT_SIGNATURE_INVALID("FT-4702", 422, EventLevel.ALARM,
            "The manifest's signature does not verify under the source's registered key (or an image does not match its listed digest); nothing was imported."),
    IMPORT_ARCHIVE_REFUSED("FT-4703", 413, EventLevel.WARNING,
            "The archive is not a readable ZIP or breaks a limit (size, entries, uncompressed size, compression ratio); nothing was imported."),
    IMPORT_RECORD_INVALID("FT-4704", 422, EventLevel.NONE,
            "A record (or the manifest) is invalid: a required field, the consent evidence or an image is missing or wrong; the reasons say which."),
    IMPORT_DATA_KIND_NOT_ALLOWED("FT-4705", 403, EventLevel.WARNING,
            "The record carries a data kind the source is not registered for; the record was refused."),
    IMPORT_SOURCE_INVALID("FT-4706", 422, EventLevel.NONE,
            "The import source cannot be registered: bad name, data kinds or public key (EC P-256 or RSA of at least 2048 bits)."),
    IMPORT_SOURCE_DUPLICATE("FT-4707", 409, EventLevel.NONE, "An import source with this name is already registered."),

    // 50xx — recognition (A-5.7.4, A-5.7.5.2): the decision codes are answers (HTTP 200), never errors
    MATCH("FT-5000", 200, EventLevel.NONE, "Decision: the live sample matches (the claimed subject, the candidate "
            + "found, or the ID photo) at the channel's threshold."),
    NO_MATCH("FT-5001", 200, EventLevel.NONE, "Decision: the live sample does not match. Also the answer when the "
            + "claimed subject is unknown, being deleted or without face-verification consent (A-5.7.5.3 a)."),
    NO_CANDIDATE("FT-5002", 200, EventLevel.NONE,
            "Decision of an identification: no subject of the gallery reaches the channel's threshold; an answer, "
                    + "not an error."),
    STEP_UP_REQUIRED("FT-5003", 200, EventLevel.NONE, "No decision was taken and no face data processed: the risk "
            + "assessment asks for the subject's second factor; repeat with a one-time code."),
    CLAIMED_SUBJECT_UNAVAILABLE("FT-5004", 200, EventLevel.WARNING, "For operators only: a verification claimed a "
            + "subject that is unknown, being deleted or without effective face-verification consent; the caller was "
            + "answered FT-5001 NO_MATCH like any non-match."),
    DECISION_SIGNING_UNAVAILABLE("FT-5005", 503, EventLevel.ALARM,
            "The decision-signing key cannot be read or created; no unsigned decision is given."),
    GALLERY_UNAVAILABLE("FT-5006", 503, EventLevel.ALARM,
            "The 1:N gallery is not available (not deployed or not loaded); identification cannot run."),

    // 51xx — recognition policy: channels, attempt limits, blocklists (A-4 f, D-6.3 e, A-5.7.5.1 e, D-8.2.5 d, D-6.6 e)
    TOO_MANY_ATTEMPTS("FT-5101", 429, EventLevel.WARNING,
            "Too many failed attempts: wait the seconds given (reason retry-after:<s>, Retry-After header)."),
    ATTEMPTS_BLOCKED("FT-5102", 429, EventLevel.NONE,
            "Blocked after too many failed attempts until the block ends (reason retry-after:<s>); the alarm was "
                    + "raised once when the block started."),
    ATTEMPTS_BLOCK_STARTED("FT-5103", 429, EventLevel.ALARM,
            "Event only: a block started for a subject, client, device or address after the configured failures."),
    ACCESS_BLOCKED("FT-5104", 403, EventLevel.WARNING,
            "The source address, device or time is on the sysadmin's blocklist; nothing was processed."),
    CHANNEL_UNKNOWN("FT-5105", 400, EventLevel.NONE, "No recognition channel with this name is configured."),
    CHANNEL_UNAVAILABLE("FT-5106", 503, EventLevel.ALARM,
            "The channel's target FAR has no calibrated threshold; the channel is unusable until configured."),
    // 6xxx — presentation attacks and liveness challenges (A-5.5, A-5.7.3 d: on attack cancel and raise an alarm)
    PRESENTATION_ATTACK("FT-6001", 403, EventLevel.ALARM,
            "The presentation was judged an attack; the transaction was cancelled."),
    LIVENESS_INCONCLUSIVE("FT-6002", 422, EventLevel.WARNING,
            "The liveness evidence did not allow a judgement (too few frames, face lost, capture too long); capture again."),
    CHALLENGE_UNKNOWN("FT-6003", 409, EventLevel.ALARM,
            "The challenge nonce was never issued or was already used (possible replay)."),
    CHALLENGE_EXPIRED("FT-6004", 410, EventLevel.WARNING, "The challenge expired before the submission arrived."),
    CHALLENGE_NOT_PERFORMED("FT-6005", 422, EventLevel.WARNING,
            "The requested actions were not observed in the requested order; the reasons list which."),
    FACE_CHANGED_DURING_CHALLENGE("FT-6006", 403, EventLevel.ALARM,
            "The face changed identity or jumped during the challenge; the transaction was cancelled."),
    LIVENESS_EVIDENCE_MISSING("FT-6007", 400, EventLevel.NONE,
            "The liveness check required here needs evidence the request lacks: a burst of frames with capture times, or the frames of an issued challenge with its nonce."),
    LIVENESS_FACE_MISMATCH("FT-6008", 403, EventLevel.ALARM,
            "The face to enrol is not the face whose liveness was judged; nothing was enrolled."),

    // 7xxx — the operation log and security events (A-8.6, A-5.7.5.3)
    AUDIT_CHAIN_BROKEN("FT-7001", 409, EventLevel.ALARM,
            "Verification found the audit log altered: an entry was edited, deleted or reordered, or the tail was cut "
                    + "off; the first broken sequence number is reported."),
    AUDIT_LOG_UNAVAILABLE("FT-7002", 503, EventLevel.ALARM,
            "The operation log could not be written (database or audit key unavailable); the operation was not "
                    + "carried out."),
    EVENT_ALREADY_ACKNOWLEDGED("FT-7003", 409, EventLevel.NONE,
            "The security event was already acknowledged; the first acknowledgement stands."),

    // 9xxx — faults on our side or the device's
    DEVICE_FAULT("FT-9001", 503, EventLevel.WARNING, "The capture device reported a fault."),
    TIMEOUT("FT-9002", 504, EventLevel.WARNING, "The operation did not finish in the allowed time."),
    DATABASE_FAULT("FT-9003", 503, EventLevel.ALARM, "The database failed after the configured retries."),
    ENGINE_UNAVAILABLE("FT-9004", 503, EventLevel.ALARM, "The recognition models are not loaded."),
    KEY_STORE_UNAVAILABLE("FT-9005", 503, EventLevel.ALARM,
            "The master keystore or the template key store cannot be read or written."),
    IDENTITY_PROVIDER_UNAVAILABLE("FT-9006", 503, EventLevel.ALARM,
            "The identity provider (Keycloak) cannot be reached to fetch the keys that verify bearer tokens."),
    INTERNAL_ERROR("FT-9999", 500, EventLevel.ALARM, "An unexpected server fault; the transaction was rolled back.");

    private final String code;
    private final int httpStatus;
    private final EventLevel eventLevel;
    private final String description;

    FailureCode(String code, int httpStatus, EventLevel eventLevel, String description) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.eventLevel = eventLevel;
        this.description = description;
    }

    public String code() { return code; }
    public int httpStatus() { return httpStatus; }
    public EventLevel eventLevel() { return eventLevel; }
    public String description() { return description; }

    /** What a failure raises besides its answer (A-5.7.5.3): nothing, a warning, or an alarm. */
    public enum EventLevel { NONE, WARNING, ALARM }
}
