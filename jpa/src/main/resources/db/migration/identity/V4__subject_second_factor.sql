-- Identity store, version 4 (issue 4): the subject's second factor for changes and deregistration (D-5.3.3/4,
-- A-5.6.2). second_factor holds the TOTP secret encrypted with AES-GCM under the subject's data key (so deleting the
-- subject shreds it too); second_factor_step is the last accepted TOTP time step (a code is never accepted twice).
-- Portable SQL (H2 2.x and PostgreSQL 12+). Never edit an applied migration.

ALTER TABLE subject ADD COLUMN second_factor BYTEA;
ALTER TABLE subject ADD COLUMN second_factor_step BIGINT;
