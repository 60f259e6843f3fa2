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
