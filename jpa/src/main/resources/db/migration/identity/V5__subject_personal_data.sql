-- Identity store, version 5 (issue 4): the subject's personal data (name, contact), kept to what is needed and
-- encrypted at field level (AES-GCM under the subject's data key, bound to the UID), so deleting the subject's key
-- shreds it together with the face data, also in backups of this database. Never in clear in the database.
-- Portable SQL (H2 2.x and PostgreSQL 12+). Never edit an applied migration.

ALTER TABLE subject ADD COLUMN personal_data BYTEA;
