-- Identity store, version 3 (issue 4): the channel a consent was withdrawn through (A-7.1a: given AND withdrawn with
-- time and channel). Portable SQL (H2 2.x and PostgreSQL 12+). Never edit an applied migration.

ALTER TABLE consent_record ADD COLUMN withdrawal_channel VARCHAR(32);
