-- Biometric store, version 1: protected face templates under pseudonyms. Never images (A-7.4b): the CHECK on the
-- template size makes the database itself refuse anything image-sized.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+ (checked by StoreSchemaTest on both).
-- Never edit an applied migration: Flyway validates checksums at start-up and in the maintenance self-check.

CREATE SEQUENCE face_reference_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE face_reference (
    id                BIGINT                   NOT NULL,
    reference_id      VARCHAR(32)              NOT NULL,
    pseudonym         VARCHAR(64)              NOT NULL,
    protection_domain VARCHAR(64)              NOT NULL,
    template          BYTEA                    NOT NULL,
    key_version       INTEGER                  NOT NULL,
    model_version     VARCHAR(128)             NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    version           BIGINT                   NOT NULL,
    CONSTRAINT pk_face_reference PRIMARY KEY (id),
    CONSTRAINT uk_face_reference_reference_id UNIQUE (reference_id),
    CONSTRAINT ck_face_reference_template_size CHECK (OCTET_LENGTH(template) BETWEEN 1 AND 8192),
    CONSTRAINT ck_face_reference_key_version CHECK (key_version >= 1)
);

CREATE INDEX ix_face_reference_pseudonym ON face_reference (pseudonym);
