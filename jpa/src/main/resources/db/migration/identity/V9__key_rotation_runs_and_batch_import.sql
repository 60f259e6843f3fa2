-- Identity store, version 9 (issue 4, "Renewable", A-7.2b): the runs of domain-key rotation with their progress
-- and outcome (no key material: keys live outside every database). A BASELINE row records when a domain's key was
-- first seen, so the rotation timer knows when the first rotation is due. Also in the audit log (KEY_ROTATION).
-- Portable SQL (H2 2.x and PostgreSQL 12+). Never edit an applied migration.

CREATE SEQUENCE key_rotation_run_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE key_rotation_run (
    id                 BIGINT                   NOT NULL,
    protection_domain  VARCHAR(64)              NOT NULL,
    target_version     INTEGER                  NOT NULL,
    state              VARCHAR(16)              NOT NULL,
    run_trigger        VARCHAR(16)              NOT NULL,
    started_by         VARCHAR(128)             NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at        TIMESTAMP WITH TIME ZONE,
    total              BIGINT                   NOT NULL,
    processed          BIGINT                   NOT NULL,
    reissued           BIGINT                   NOT NULL,
    already_current    BIGINT                   NOT NULL,
    shredded           BIGINT                   NOT NULL,
    integrity_failures BIGINT                   NOT NULL,
    destroyed_versions VARCHAR(64),
    failure            VARCHAR(200),
    last_reference_id  BIGINT                   NOT NULL,
    version            BIGINT                   NOT NULL,
    CONSTRAINT pk_key_rotation_run PRIMARY KEY (id),
    CONSTRAINT ck_key_rotation_run_state CHECK (state IN ('RUNNING', 'DONE', 'FAILED', 'BASELINE'))
);

CREATE INDEX ix_key_rotation_run_domain ON key_rotation_run (protection_domain, started_at);

-- Batch import (A-5.6.3, D-6.2e): the registry of allowed sources (name, public key that signs their manifests,
-- data kinds they may deliver), the import jobs with their progress, and one outcome per record (OK or a code).
-- Consent records keep the evidence reference an import (or a counter) names: where the signed form lives.

ALTER TABLE consent_record ADD COLUMN evidence VARCHAR(200);

CREATE SEQUENCE import_source_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE import_source (
    id            BIGINT                   NOT NULL,
    name          VARCHAR(32)              NOT NULL,
    key_algorithm VARCHAR(8)               NOT NULL,
    public_key    BYTEA                    NOT NULL,
    data_kinds    VARCHAR(200)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(128)             NOT NULL,
    version       BIGINT                   NOT NULL,
    CONSTRAINT pk_import_source PRIMARY KEY (id),
    CONSTRAINT uk_import_source_name UNIQUE (name),
    CONSTRAINT ck_import_source_algorithm CHECK (key_algorithm IN ('EC', 'RSA'))
);

CREATE TABLE import_job (
    id          VARCHAR(36)              NOT NULL,
    source_name VARCHAR(32)              NOT NULL,
    state       VARCHAR(16)              NOT NULL,
    total       INTEGER                  NOT NULL,
    processed   INTEGER                  NOT NULL,
    succeeded   INTEGER                  NOT NULL,
    failed      INTEGER                  NOT NULL,
    started_by  VARCHAR(128)             NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    version     BIGINT                   NOT NULL,
    CONSTRAINT pk_import_job PRIMARY KEY (id),
    CONSTRAINT ck_import_job_state CHECK (state IN ('RUNNING', 'DONE', 'FAILED'))
);

CREATE SEQUENCE import_record_outcome_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE import_record_outcome (
    id          BIGINT                   NOT NULL,
    job_id      VARCHAR(36)              NOT NULL,
    record_id   VARCHAR(64)              NOT NULL,
    outcome     VARCHAR(16)              NOT NULL,
    reasons     VARCHAR(500),
    subject_uid VARCHAR(32),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_import_record_outcome PRIMARY KEY (id),
    CONSTRAINT fk_import_record_outcome_job FOREIGN KEY (job_id) REFERENCES import_job (id)
);

CREATE INDEX ix_import_record_outcome_job ON import_record_outcome (job_id);
