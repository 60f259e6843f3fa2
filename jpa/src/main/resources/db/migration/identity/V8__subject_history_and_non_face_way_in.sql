-- Identity store, version 8 (issue 4, session 2):
--  * subject_status_change: the status history of every subject (from, to, when, ground, by whom). No personal data;
--    stays with the anonymised tombstone until the tombstone's retention ends (facetrust.retention.tombstones).
--    Subjects recorded before this version have no entries for their earlier changes.
--  * password_credential: the password of the non-face way in (A-7.1b, B-5.5.2): PBKDF2-HMAC-SHA256 parameters, salt
--    and hash, AES-GCM-encrypted under the subject's data key like the TOTP secret.
--  * face_deletion_due_at: the face-verification consent ended; the sweep deletes the face references by then and
--    shreds the key they were encrypted under, while the subject stays (non-face way in).
--  * retired_data_key_id: a data key replaced during that shredding whose destruction is still to be confirmed.
-- Portable SQL (H2 2.x and PostgreSQL 12+). Never edit an applied migration.

ALTER TABLE subject ADD COLUMN password_credential BYTEA;
ALTER TABLE subject ADD COLUMN face_deletion_due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE subject ADD COLUMN retired_data_key_id VARCHAR(36);

CREATE INDEX ix_subject_face_deletion_due ON subject (face_deletion_due_at);

CREATE SEQUENCE subject_status_change_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE subject_status_change (
    id          BIGINT                   NOT NULL,
    subject_id  BIGINT                   NOT NULL,
    from_status VARCHAR(24),
    to_status   VARCHAR(24)              NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ground      VARCHAR(32)              NOT NULL,
    changed_by  VARCHAR(128)             NOT NULL,
    CONSTRAINT pk_subject_status_change PRIMARY KEY (id),
    CONSTRAINT fk_subject_status_change_subject FOREIGN KEY (subject_id) REFERENCES subject (id),
    CONSTRAINT ck_subject_status_change_from CHECK (from_status IS NULL
        OR from_status IN ('ACTIVE', 'DELETION_PENDING', 'DELETED')),
    CONSTRAINT ck_subject_status_change_to CHECK (to_status IN ('ACTIVE', 'DELETION_PENDING', 'DELETED'))
);

CREATE INDEX ix_subject_status_change_subject ON subject_status_change (subject_id, changed_at);
