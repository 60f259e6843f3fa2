-- Identity store, version 2 (issue 4, subject lifecycle):
--  * data_key_id: id of the subject's data key in the template key store (outside every database). Deletion destroys
--    that key first (crypto-shredding, A-7.3 / D-8.2.5g), then clears this column.
--  * deletion_ground: why deletion was scheduled (consent withdrawn, storage period ended, inactivity, deregistered,
--    service stopped) — kept on the anonymised tombstone so the audit trail stays meaningful.
--  * deleted_at: when the sweep destroyed the subject's data.
-- Portable SQL (H2 2.x and PostgreSQL 12+). Never edit an applied migration.

ALTER TABLE subject ADD COLUMN data_key_id VARCHAR(36);
ALTER TABLE subject ADD COLUMN deletion_ground VARCHAR(32);
ALTER TABLE subject ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX ix_subject_deletion_due ON subject (status, deletion_due_at);
