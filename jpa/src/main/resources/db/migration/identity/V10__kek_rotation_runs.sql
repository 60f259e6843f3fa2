-- Identity store, version 10: the runs of the key-encryption-key (KEK) rotation with their progress and outcome
-- (D-8.2.5g, A-9.2f / D-6.5c). No key material: the KEK lives in the master keystore, the wrapped keys in the key
-- directory, both outside every database; each wrapped key records its KEK version in its own header, so a run
-- interrupted by a stop is resumed from the key directory itself and this table only shows how far it got. A
-- BASELINE row records when the current KEK was first seen, so the optional rotation timer knows when one is due.
-- Also in the audit log (KEK_ROTATION). Portable SQL (H2 2.x and PostgreSQL 12+). Never edit an applied migration.

CREATE SEQUENCE kek_rotation_run_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE kek_rotation_run (
    id                 BIGINT                   NOT NULL,
    target_version     INTEGER                  NOT NULL,
    state              VARCHAR(16)              NOT NULL,
    run_trigger        VARCHAR(16)              NOT NULL,
    started_by         VARCHAR(128)             NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at        TIMESTAMP WITH TIME ZONE,
    total              BIGINT                   NOT NULL,
    processed          BIGINT                   NOT NULL,
    rewrapped          BIGINT                   NOT NULL,
    already_current    BIGINT                   NOT NULL,
    vanished           BIGINT                   NOT NULL,
    integrity_failures BIGINT                   NOT NULL,
    retired_versions   VARCHAR(64),
    failure            VARCHAR(200),
    version            BIGINT                   NOT NULL,
    CONSTRAINT pk_kek_rotation_run PRIMARY KEY (id),
    CONSTRAINT ck_kek_rotation_run_state CHECK (state IN ('RUNNING', 'DONE', 'FAILED', 'BASELINE'))
);

CREATE INDEX ix_kek_rotation_run_started ON kek_rotation_run (started_at);
