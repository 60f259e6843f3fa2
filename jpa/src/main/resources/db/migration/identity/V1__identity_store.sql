-- Identity store, version 1: subjects, consent records, audit trail (design; issue 5 writes it).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+ (checked by StoreSchemaTest on both).
-- Never edit an applied migration: Flyway validates checksums at start-up and in the maintenance self-check.

CREATE SEQUENCE subject_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE subject (
    id              BIGINT                   NOT NULL,
    uid             VARCHAR(32)              NOT NULL,
    status          VARCHAR(24)              NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    deletion_due_at TIMESTAMP WITH TIME ZONE,
    version         BIGINT                   NOT NULL,
    CONSTRAINT pk_subject PRIMARY KEY (id),
    CONSTRAINT uk_subject_uid UNIQUE (uid),
    CONSTRAINT ck_subject_status CHECK (status IN ('ACTIVE', 'DELETION_PENDING', 'DELETED'))
);

CREATE SEQUENCE consent_record_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE consent_record (
    id             BIGINT                   NOT NULL,
    subject_id     BIGINT                   NOT NULL,
    purpose        VARCHAR(32)              NOT NULL,
    notice_version VARCHAR(32)              NOT NULL,
    channel        VARCHAR(32)              NOT NULL,
    given_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    withdrawn_at   TIMESTAMP WITH TIME ZONE,
    retain_until   TIMESTAMP WITH TIME ZONE,
    version        BIGINT                   NOT NULL,
    CONSTRAINT pk_consent_record PRIMARY KEY (id),
    CONSTRAINT fk_consent_record_subject FOREIGN KEY (subject_id) REFERENCES subject (id),
    CONSTRAINT ck_consent_record_purpose CHECK (purpose IN ('PRIVACY_POLICY', 'FACE_VERIFICATION', 'FACE_IDENTIFICATION')),
    CONSTRAINT ck_consent_record_withdrawal CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at)
);

CREATE INDEX ix_consent_record_subject ON consent_record (subject_id);

-- Append-only: no UPDATE/DELETE path exists in the application; the hash chain + MAC detect edits made directly.
CREATE TABLE audit_entry (
    seq            BIGINT                   NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    principal      VARCHAR(128)             NOT NULL,
    client_id      VARCHAR(128),
    source_address VARCHAR(64),
    action         VARCHAR(64)              NOT NULL,
    target         VARCHAR(128),
    outcome        VARCHAR(16)              NOT NULL,
    prev_hash      BYTEA                    NOT NULL,
    mac            BYTEA                    NOT NULL,
    CONSTRAINT pk_audit_entry PRIMARY KEY (seq),
    CONSTRAINT ck_audit_entry_hashes CHECK (OCTET_LENGTH(prev_hash) = 32 AND OCTET_LENGTH(mac) = 32)
);
